package dev.ciclo.augment.signal;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.internal.Draws;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Clipping distortion, as audiomentations' ClippingDistortion: a percentage {@code p} drawn
 * uniformly from a range (default 0 to 40) and the samples clipped to the {@code p/2} and {@code
 * 100 - p/2} percentiles of their values (linear interpolation between order statistics, as
 * NumPy's default), so about {@code p} percent of samples are clipped. The record, named
 * {@value #NAME}, carries {@code percentile}, {@code lower} and {@code upper}. Immutable and
 * thread-safe.
 */
public final class Clipping implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "clipping";

  private final double min;
  private final double max;

  private Clipping(double min, double max) {
    this.min = min;
    this.max = max;
  }

  /**
   * A clipped percentage drawn from a range.
   *
   * @param minPercent the lowest, from 0 to 100
   * @param maxPercent the highest, from minPercent to 100
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static Clipping ofPercent(double minPercent, double maxPercent) {
    Checks.between(minPercent, 0, 100, "clippedPercent");
    Checks.between(maxPercent, 0, 100, "clippedPercent");
    Checks.ordered(minPercent, maxPercent, "clippedPercent");
    return new Clipping(minPercent, maxPercent);
  }

  /**
   * From 0 to 40 percent clipped.
   *
   * @return the augmenter
   */
  public static Clipping defaults() {
    return ofPercent(0, 40);
  }

  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    double p = Draws.uniform(random, min, max);
    float[] x = input.samples();
    if (x.length == 0) {
      return new Augmented<>(input, AugmentationRecord.of(
          new AppliedTransform(NAME, Map.of("percentile", p, "skipped", "empty input"))));
    }
    float[] sorted = x.clone();
    Arrays.sort(sorted);
    double lo = percentile(sorted, p / 2);
    double hi = percentile(sorted, 100 - p / 2);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.max(lo, Math.min(hi, x[i]));
    }
    return new Augmented<>(AudioClip.of(x, input.sampleRate()), AugmentationRecord.of(
        new AppliedTransform(NAME, Map.of("percentile", p, "lower", lo, "upper", hi))));
  }

  static double percentile(float[] sorted, double q) {
    double pos = q / 100 * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  @Override
  public String toString() {
    return "Clipping[" + Checks.fmt(min) + " to " + Checks.fmt(max) + " percent]";
  }
}
