package dev.ciclo.augment.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GaussianJitterTest extends AugmenterContract<FeatureVector> {
  @Override
  protected Augmenter<FeatureVector> newAugmenter() {
    return GaussianJitter.fit(TabularFixtures.rows(200));
  }

  @Override
  protected List<FeatureVector> inputs() {
    return TabularFixtures.rows(5);
  }

  @Test
  @DisplayName("noise per feature is scale times its spread; a constant feature is untouched")
  void scaledToSpread() {
    GaussianJitter j = GaussianJitter.fit(TabularFixtures.rows(2000), 0.1);
    FeatureVector x = TabularFixtures.rows(1).get(0);
    double[] sq = new double[3];
    int n = 2000;
    for (int i = 0; i < n; i++) {
      double[] y = j.apply(x, new RandomKey(1, "r" + i, 0).generator()).output().toArray();
      for (int f = 0; f < 3; f++) {
        sq[f] += Math.pow(y[f] - x.get(f), 2) / n;
      }
    }
    assertEquals(0.1, Math.sqrt(sq[0]), 0.01);
    assertEquals(100, Math.sqrt(sq[1]), 10);
    assertEquals(0, sq[2]);
    var e = assertThrows(IllegalArgumentException.class, () -> j.apply(
        FeatureVector.indexed("f", 1, 2, 3), new RandomKey(1, "x", 0).generator()));
    assertTrue(e.getMessage().startsWith("input must have the reference's 3 features"),
        e.getMessage());
  }
}
