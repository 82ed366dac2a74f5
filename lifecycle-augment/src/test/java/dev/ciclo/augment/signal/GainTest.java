package dev.ciclo.augment.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GainTest extends SignalAugmenterTest {
  GainTest() {
    super(Gain::defaults);
  }

  @Test
  @DisplayName("the output is the input times the recorded gain")
  void scales() {
    AudioClip c = Clips.speechLike(1000, 1);
    Augmented<AudioClip> a = run(Gain.defaults(), c, "g");
    double db = only(a).number("gainDb");
    assertTrue(db >= -12 && db <= 12);
    double g = Math.pow(10, db / 20);
    for (int i = 0; i < c.length(); i += 37) {
      assertEquals(c.sample(i) * g, a.output().sample(i), 1e-6);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Gain.ofDb(-100, 0));
    assertEquals("gainDb must be between -60 and 60 but was -100", e.getMessage());
  }
}
