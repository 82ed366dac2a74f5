package dev.ciclo.augment.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClippingTest extends SignalAugmenterTest {
  ClippingTest() {
    super(Clipping::defaults);
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
