package dev.ciclo.augment.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import java.util.function.Supplier;

/**
 * The api contract on {@link Clips#some()} for one signal augmenter, plus the helpers its own tests
 * share: a seeded run, the single transform of a record, a test tone and its zero crossings.
 */
abstract class SignalAugmenterTest extends AugmenterContract<AudioClip> {
  private final Supplier<Augmenter<AudioClip>> defaults;

  SignalAugmenterTest(Supplier<Augmenter<AudioClip>> defaults) {
    this.defaults = defaults;
  }

  @Override
  protected final Augmenter<AudioClip> newAugmenter() {
    return defaults.get();
  }

  @Override
  protected final List<AudioClip> inputs() {
    return Clips.some();
  }

  /** Applies {@code a} to {@code c} with the generator of seed 7 and key {@code id}. */
  static Augmented<AudioClip> run(Augmenter<AudioClip> a, AudioClip c, String id) {
    return a.apply(c, new RandomKey(7, id, 0).generator());
  }

  /** The record's one transform, asserting there is exactly one. */
  static AppliedTransform only(Augmented<AudioClip> a) {
    assertEquals(1, a.record().transforms().size());
    return a.record().transforms().get(0);
  }

  /** A unit sine of {@code hz} at 8 kHz, {@code length} samples long. */
  static AudioClip tone(double hz, int length) {
    float[] s = new float[length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) Math.sin(2 * Math.PI * hz * i / 8000.0);
    }
    return AudioClip.of(s, 8000);
  }

  /** How often the clip crosses zero upwards between samples {@code from} and {@code to}. */
  static int upwardCrossings(AudioClip c, int from, int to) {
    int crossings = 0;
    for (int i = from; i < to; i++) {
      if (c.sample(i - 1) < 0 && c.sample(i) >= 0) {
        crossings++;
      }
    }
    return crossings;
  }
}
