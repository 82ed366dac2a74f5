package dev.ciclo.augment.signal;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.internal.Draws;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Multiplies the clip by a gain drawn uniformly in dB from a range (default -12 to 12 dB, as
 * audiomentations' Gain). The output is not clipped. The record, named {@value #NAME}, carries
 * {@code gainDb}. Immutable and thread-safe.
 */
public final class Gain implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "gain";

  private final double minDb;
  private final double maxDb;

  private Gain(double minDb, double maxDb) {
    this.minDb = minDb;
    this.maxDb = maxDb;
  }

  /**
   * A gain drawn from a range.
   *
   * @param minDb the lowest gain, from -60 to 60 dB
   * @param maxDb the highest gain, from minDb to 60 dB
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static Gain ofDb(double minDb, double maxDb) {
    Checks.between(minDb, -60, 60, "gainDb");
    Checks.between(maxDb, -60, 60, "gainDb");
    Checks.ordered(minDb, maxDb, "gainDb");
    return new Gain(minDb, maxDb);
  }

  /**
   * A gain from -12 to 12 dB.
   *
   * @return the augmenter
   */
  public static Gain defaults() {
    return ofDb(-12, 12);
  }

  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    double db = Draws.uniform(random, minDb, maxDb);
    double g = Math.pow(10, db / 20);
    float[] x = input.samples();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (x[i] * g);
    }
    return new Augmented<>(AudioClip.of(x, input.sampleRate()),
        AugmentationRecord.of(new AppliedTransform(NAME, Map.of("gainDb", db))));
  }

  @Override
  public String toString() {
    return "Gain[" + Checks.fmt(minDb) + " to " + Checks.fmt(maxDb) + " dB]";
  }
}
