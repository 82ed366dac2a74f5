package dev.ciclo.augment.tabular;

import dev.ciclo.api.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

final class TabularFixtures {
  private TabularFixtures() {}

  /** Rows with a feature of spread ~1, one of spread ~1000 and a constant one. */
  static List<FeatureVector> rows(int n) {
    SplittableRandom r = new SplittableRandom(5);
    List<FeatureVector> out = new ArrayList<>();
    List<String> names = List.of("small", "large", "constant");
    for (int i = 0; i < n; i++) {
      out.add(FeatureVector.of(names,
          new double[] {r.nextDouble() * 3.46, r.nextDouble() * 3464, 7}));
    }
    return out;
  }
}
