package dev.ciclo.core.testing;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded Gaussian blobs: three well-separated classes in four dimensions. */
public final class Blobs {
  private Blobs() {}

  /** The four feature names, {@code x0} to {@code x3}. */
  public static final List<String> NAMES = List.of("x0", "x1", "x2", "x3");

  /**
   * Three classes ({@code class0..2}) around well-separated centres, unit variance.
   *
   * @param perClass examples per class
   * @param seed the seed; the same seed gives the same data
   * @return the data, named {@code blobs}, ids {@code c<class>-<index>}
   */
  public static Dataset<FeatureVector, String> make(int perClass, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = {{0, 0, 0, 0}, {4, 4, 0, 0}, {0, 4, 4, 4}};
    List<Example<FeatureVector, String>> out = new ArrayList<>();
    for (int c = 0; c < centres.length; c++) {
      for (int i = 0; i < perClass; i++) {
        double[] v = new double[4];
        for (int d = 0; d < 4; d++) {
          v[d] = centres[c][d] + r.nextGaussian();
        }
        out.add(Example.of("c" + c + "-" + i, FeatureVector.of(NAMES, v), "class" + c));
      }
    }
    return Dataset.of("blobs", out);
  }
}
