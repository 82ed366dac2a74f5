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

class TimeShiftTest extends AugmenterContract<AudioClip> {
  @Override
  protected Augmenter<AudioClip> newAugmenter() {
    return TimeShift.defaults();
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
