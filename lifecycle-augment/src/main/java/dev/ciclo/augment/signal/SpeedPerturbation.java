package dev.ciclo.augment.signal;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.audio.Resampler;
import dev.ciclo.augment.internal.Draws;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Plays the clip faster or slower, changing duration and pitch together (Kaldi-style speed
 * perturbation): a factor drawn uniformly from a range (default 0.9 to 1.1) is applied by
 * treating the clip as if sampled at {@code round(rate * factor)} and resampling it back to
 * {@code rate} with {@link Resampler}. A factor above 1 shortens the clip. The record, named
 * {@value #NAME}, carries the effective {@code factor} (after rounding the rate). Immutable and
 * thread-safe. For tempo at constant pitch, see {@link TempoPerturbation}.
 */
public final class SpeedPerturbation implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "speed";

  private final double min;
  private final double max;

  private SpeedPerturbation(double min, double max) {
    this.min = min;
    this.max = max;
  }

  /**
   * A speed factor drawn from a range.
   *
   * @param min the lowest factor, from 0.5 to 2
   * @param max the highest, from min to 2
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static SpeedPerturbation of(double min, double max) {
    Checks.between(min, 0.5, 2, "speedFactor");
    Checks.between(max, 0.5, 2, "speedFactor");
    Checks.ordered(min, max, "speedFactor");
    return new SpeedPerturbation(min, max);
  }

  /**
   * A factor from 0.9 to 1.1.
   *
   * @return the augmenter
   */
  public static SpeedPerturbation defaults() {
    return of(0.9, 1.1);
  }

  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    double f = Draws.uniform(random, min, max);
    int rate = input.sampleRate();
    int pretend = (int) Math.max(1, Math.min(AudioClip.MAX_SAMPLE_RATE, Math.round(rate * f)));
    AudioClip out = Resampler.resample(AudioClip.of(input.samples(), pretend), rate);
    return new Augmented<>(out, AugmentationRecord.of(
        new AppliedTransform(NAME, Map.of("factor", pretend / (double) rate))));
  }

  @Override
  public String toString() {
    return "SpeedPerturbation[" + Checks.fmt(min) + " to " + Checks.fmt(max) + "]";
  }
}
