package dev.ciclo.augment.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SwapNoiseTest extends AugmenterContract<FeatureVector> {
  @Override
  protected Augmenter<FeatureVector> newAugmenter() {
    return SwapNoise.fit(TabularFixtures.rows(50));
  }

  @Override
  protected List<FeatureVector> inputs() {
    return TabularFixtures.rows(5);
  }

  @Test
  @DisplayName("swapped values come from the reference column, at the recorded count")
  void swapsFromColumn() {
    List<FeatureVector> ref = TabularFixtures.rows(50);
    SwapNoise s = SwapNoise.fit(ref, 0.5);
    FeatureVector x = FeatureVector.of(ref.get(0).names(), new double[] {-1, -1, -1});
    int total = 0;
    for (int i = 0; i < 200; i++) {
      Augmented<FeatureVector> a = s.apply(x, new RandomKey(2, "s" + i, 0).generator());
      int changed = 0;
      for (int f = 0; f < 3; f++) {
        double v = a.output().get(f);
        if (v != -1) {
          changed++;
          int col = f;
          assertTrue(ref.stream().anyMatch(r -> r.get(col) == v));
        }
      }
      assertEquals(changed, (int) a.record().transforms().get(0).number("swapped"));
      total += changed;
    }
    assertEquals(300, total, 40);
  }
}
