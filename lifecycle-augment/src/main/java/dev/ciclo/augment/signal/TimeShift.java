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
 * Shifts the clip in time by a fraction of its length drawn uniformly from a range (default -0.5
 * to 0.5, as audiomentations' Shift); positive shifts move the sound later. With rollover (the
 * default) samples pushed off one end come back at the other; without, the gap is filled with
 * zeros. The length is kept. The record, named {@value #NAME}, carries {@code shiftSamples} and
 * {@code rollover}. Immutable and thread-safe.
 */
public final class TimeShift implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "time-shift";

  private final double minFraction;
  private final double maxFraction;
  private final boolean rollover;

  private TimeShift(double minFraction, double maxFraction, boolean rollover) {
    this.minFraction = minFraction;
    this.maxFraction = maxFraction;
    this.rollover = rollover;
  }

  /**
   * A shift drawn from a range of fractions of the clip's length.
   *
   * @param minFraction the lowest, from -1 to 1
   * @param maxFraction the highest, from minFraction to 1
   * @param rollover whether samples wrap around (otherwise zeros fill the gap)
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static TimeShift of(double minFraction, double maxFraction, boolean rollover) {
    Checks.between(minFraction, -1, 1, "shiftFraction");
    Checks.between(maxFraction, -1, 1, "shiftFraction");
    Checks.ordered(minFraction, maxFraction, "shiftFraction");
    return new TimeShift(minFraction, maxFraction, rollover);
  }

  /**
   * A shift from -0.5 to 0.5 of the length, with rollover.
   *
   * @return the augmenter
   */
  public static TimeShift defaults() {
    return of(-0.5, 0.5, true);
  }

  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    double f = Draws.uniform(random, minFraction, maxFraction);
    int n = input.length();
    int shift = (int) Math.round(f * n);
    float[] x = input.samples();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      int j = i - shift;
      if (rollover) {
        out[i] = x[Math.floorMod(j, n)];
      } else if (j >= 0 && j < n) {
        out[i] = x[j];
      }
    }
    return new Augmented<>(AudioClip.of(out, input.sampleRate()), AugmentationRecord.of(
        new AppliedTransform(NAME, Map.of("shiftSamples", shift, "rollover", rollover))));
  }

  @Override
  public String toString() {
    return "TimeShift[" + Checks.fmt(minFraction) + " to " + Checks.fmt(maxFraction)
        + (rollover ? ", rollover]" : ", zero fill]");
  }
}
