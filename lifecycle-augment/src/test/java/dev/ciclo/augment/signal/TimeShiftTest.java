package dev.ciclo.augment.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeShiftTest extends SignalAugmenterTest {
  TimeShiftTest() {
    super(TimeShift::defaults);
  }

  @Test
  @DisplayName("rollover moves samples by the recorded shift; zero fill leaves zeros")
  void shifts() {
    AudioClip c = Clips.speechLike(1000, 1);
    Augmented<AudioClip> a = run(TimeShift.of(0.1, 0.1, true), c, "s");
    assertEquals(100, (int) only(a).number("shiftSamples"));
    assertEquals(c.sample(0), a.output().sample(100));
    assertEquals(c.sample(950), a.output().sample(50));
    Augmented<AudioClip> z = run(TimeShift.of(-0.2, -0.2, false), c, "s");
    assertEquals(c.sample(200), z.output().sample(0));
    assertEquals(0f, z.output().sample(999));
    assertEquals(1000, z.output().length());
  }
}
