package dev.ciclo.augment.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClippingTest extends AugmenterContract<AudioClip> {
  @Override
  protected Augmenter<AudioClip> newAugmenter() {
    return Clipping.defaults();
  }

  @Override
  protected List<AudioClip> inputs() {
    return Clips.some();
  }

  private static Augmented<AudioClip> run(Augmenter<AudioClip> a, AudioClip c, String id) {
    return a.apply(c, new RandomKey(7, id, 0).generator());
  }

  private static AppliedTransform only(Augmented<AudioClip> a) {
    assertEquals(1, a.record().transforms().size());
    return a.record().transforms().get(0);
  }

  @Test
  @DisplayName("about p percent of samples end up at the recorded clip levels")
  void clips() {
    AudioClip c = Clips.speechLike(8000, 3);
    Augmented<AudioClip> a = run(Clipping.ofPercent(20, 20), c, "c");
    AppliedTransform t = only(a);
    int at = 0;
    for (int i = 0; i < c.length(); i++) {
      float v = a.output().sample(i);
      assertTrue(v >= (float) t.number("lower") && v <= (float) t.number("upper"));
      if (v == (float) t.number("lower") || v == (float) t.number("upper")) {
        at++;
      }
    }
    assertEquals(1600, at, 20);
  }
}
