package dev.ciclo.nd4j;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded Gaussian blobs: k classes in d dimensions, centres 3 standard deviations apart. */
final class Blobs {
  private Blobs() {}

  static Dataset<FeatureVector, String> make(int classes, int perClass, int dims, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> names = new ArrayList<>();
    for (int d = 0; d < dims; d++) {
      names.add("x" + d);
    }
    double[][] centres = new double[classes][dims];
    SplittableRandom c = new SplittableRandom(1234);
    for (double[] centre : centres) {
      for (int d = 0; d < dims; d++) {
        centre[d] = c.nextDouble(-5, 5) + 10;
      }
    }
    List<Example<FeatureVector, String>> out = new ArrayList<>();
    for (int i = 0; i < perClass; i++) {
      for (int k = 0; k < classes; k++) {
        double[] v = new double[dims];
        for (int d = 0; d < dims; d++) {
          v[d] = centres[k][d] + r.nextGaussian();
        }
        out.add(Example.of("c" + k + "-" + i, FeatureVector.of(names, v), "class" + k));
      }
    }
    return Dataset.of("blobs", out);
  }
}
