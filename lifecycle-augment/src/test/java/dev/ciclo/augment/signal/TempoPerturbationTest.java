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
    Augmented<AudioClip> a = run(TempoPerturbation.of(1.25, 1.25), tone(400, 8000), "t");
    assertEquals(1.25, only(a).number("factor"), 1e-9);
    assertEquals(6400, a.output().length());
    int crossings = upwardCrossings(a.output(), 1000, 5000);
    assertEquals(200, crossings, 3);
  }
}
