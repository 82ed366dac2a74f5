package dev.ciclo.augment.noise;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.internal.Draws;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Adds white Gaussian noise, either at an absolute level (a standard deviation drawn from a
 * range, like audiomentations' AddGaussianNoise, default 0.001 to 0.015) or at a target SNR
 * (drawn from a range, default 5 to 40 dB like AddGaussianSNR).
 *
 * <p>At an SNR the generated noise is rescaled by its own measured RMS, so the SNR is exact
 * rather than drifting by a few tenths of a dB as it does when the target RMS is used as the
 * standard deviation. A silent clip gets no noise in SNR mode ({@code skipped = "silent
 * input"}); in absolute mode it gets the noise.
 *
 * <p>The record, named {@value #NAME}, carries {@code mode} ({@code "snr"} or {@code
 * "absolute"}), {@code requestedSnrDb} or {@code std}, {@code noiseRms} and, for a non-silent
 * input, {@code measuredSnrDb}. Immutable and thread-safe.
 */
public final class GaussianNoise implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "gaussian-noise";

  private final boolean snrMode;
  private final double min;
  private final double max;

  private GaussianNoise(boolean snrMode, double min, double max) {
    this.snrMode = snrMode;
    this.min = min;
    this.max = max;
  }

  /**
   * Noise at an SNR drawn uniformly from a range.
   *
   * @param minDb the lowest SNR, from -20 to 60 dB
   * @param maxDb the highest SNR, from minDb to 60 dB
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static GaussianNoise atSnr(double minDb, double maxDb) {
    Checks.between(minDb, BackgroundNoise.MIN_SNR_DB, BackgroundNoise.MAX_SNR_DB, "snrDb");
    Checks.between(maxDb, BackgroundNoise.MIN_SNR_DB, BackgroundNoise.MAX_SNR_DB, "snrDb");
    Checks.ordered(minDb, maxDb, "snrDb");
    return new GaussianNoise(true, minDb, maxDb);
  }

  /**
   * Noise at an SNR from 5 to 40 dB.
   *
   * @return the augmenter
   */
  public static GaussianNoise atSnr() {
    return atSnr(5, 40);
  }

  /**
   * Noise whose standard deviation is drawn uniformly from a range (in sample units, full scale
   * 1).
   *
   * @param minStd the lowest standard deviation, from 0 to 1
   * @param maxStd the highest, from minStd to 1
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static GaussianNoise atAmplitude(double minStd, double maxStd) {
    Checks.between(minStd, 0, 1, "std");
    Checks.between(maxStd, 0, 1, "std");
    Checks.ordered(minStd, maxStd, "std");
    return new GaussianNoise(false, minStd, maxStd);
  }

  /**
   * Noise with a standard deviation from 0.001 to 0.015.
   *
   * @return the augmenter
   */
  public static GaussianNoise atAmplitude() {
    return atAmplitude(0.001, 0.015);
  }

  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    double level = Draws.uniform(random, min, max);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", snrMode ? "snr" : "absolute");
    p.put(snrMode ? "requestedSnrDb" : "std", level);
    int n = input.length();
    double clean = input.rms();
    if (n == 0 || (snrMode && clean == 0)) {
      p.put("skipped", n == 0 ? "empty input" : "silent input");
      return new Augmented<>(input, AugmentationRecord.of(new AppliedTransform(NAME, p)));
    }
    float[] noise = new float[n];
    for (int i = 0; i < n; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    double noiseRms = Mixing.rms(AudioClip.of(noise, input.sampleRate()));
    double gain = snrMode ? clean / (Math.pow(10, level / 20) * noiseRms) : level;
    float[] x = input.samples();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (x[i] + gain * noise[i]);
    }
    p.put("noiseRms", gain * noiseRms);
    if (clean > 0) {
      putFinite(p, "measuredSnrDb", Mixing.measuredSnrDb(x, out));
    }
    return new Augmented<>(AudioClip.of(out, input.sampleRate()),
        AugmentationRecord.of(new AppliedTransform(NAME, p)));
  }

  private static void putFinite(Map<String, Object> p, String key, double v) {
    if (Double.isFinite(v)) {
      p.put(key, v);
    }
  }

  @Override
  public String toString() {
    return "GaussianNoise[" + (snrMode ? "snrDb " : "std ") + Checks.fmt(min) + " to "
        + Checks.fmt(max) + "]";
  }
}
