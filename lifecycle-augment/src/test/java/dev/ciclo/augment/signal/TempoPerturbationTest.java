package dev.ciclo.augment.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.data.AudioClip;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TempoPerturbationTest extends SignalAugmenterTest {
  TempoPerturbationTest() {
    super(TempoPerturbation::defaults);
  }

  @Test
  @DisplayName("a tempo factor of 1.25 shortens a clip to 80% and keeps a tone's pitch")
  void tempo() {
    float[] s = new float[8000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) Math.sin(2 * Math.PI * 400 * i / 8000.0);
    }
    Augmented<AudioClip> a = run(TempoPerturbation.of(1.25, 1.25), AudioClip.of(s, 8000), "t");
    assertEquals(1.25, only(a).number("factor"), 1e-9);
    assertEquals(6400, a.output().length());
    int crossings = 0;
    for (int i = 1000; i < 5000; i++) {
      if (a.output().sample(i - 1) < 0 && a.output().sample(i) >= 0) {
        crossings++;
      }
    }
    assertEquals(200, crossings, 3);
  }
}
