package dev.ciclo.augment.features;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Time and frequency masking of a spectrogram (SpecAugment, Park et al. 2019, without time
 * warping).
 *
 * <p>Per call: {@code frequencyMasks} times, a width {@code f} uniform in {@code [0,
 * maxFrequencyWidth]} (capped at the bin count) and a start uniform in {@code [0, bins - f]};
 * then {@code timeMasks} times, a width uniform in {@code [0, min(maxTimeWidth, floor(maxTimeFraction
 * * frames))]} and a start likewise. Masked cells are set to the spectrogram's mean (for a
 * log spectrogram zero is not silence, so the mean is the neutral value). Masks may overlap.
 *
 * <p>Defaults, scaled from the paper's LibriSpeech-basic policy to 40 mel bands and 1 s clips: 2
 * frequency masks up to 8 bands, 2 time masks up to 20 frames and at most 20% of the frames. The
 * record, named {@value #NAME}, carries {@code freq0Start}, {@code freq0Width}, ..., {@code
 * time0Start}, {@code time0Width}, ... and {@code maskValue}. Immutable and thread-safe.
 */
public final class SpecAugment implements Augmenter<Spectrogram> {
  /** The transform's name in records. */
  public static final String NAME = "spec-augment";

  private final int frequencyMasks;
  private final int maxFrequencyWidth;
  private final int timeMasks;
  private final int maxTimeWidth;
  private final double maxTimeFraction;

  private SpecAugment(Builder b) {
    frequencyMasks = b.frequencyMasks;
    maxFrequencyWidth = b.maxFrequencyWidth;
    timeMasks = b.timeMasks;
    maxTimeWidth = b.maxTimeWidth;
    maxTimeFraction = b.maxTimeFraction;
  }

  /**
   * A builder with the defaults above.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Augmented<Spectrogram> apply(Spectrogram input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    int frames = input.frames();
    int bins = input.bins();
    double[] v = input.flat().clone();
    double mean = 0;
    for (double x : v) {
      mean += x / v.length;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    for (int m = 0; m < frequencyMasks; m++) {
      int w = random.nextInt(Math.min(maxFrequencyWidth, bins) + 1);
      int s = random.nextInt(bins - w + 1);
      for (int t = 0; t < frames; t++) {
        java.util.Arrays.fill(v, t * bins + s, t * bins + s + w, mean);
      }
      p.put("freq" + m + "Start", s);
      p.put("freq" + m + "Width", w);
    }
    int cap = Math.min(maxTimeWidth, (int) Math.floor(maxTimeFraction * frames));
    for (int m = 0; m < timeMasks; m++) {
      int w = random.nextInt(cap + 1);
      int s = random.nextInt(frames - w + 1);
      java.util.Arrays.fill(v, s * bins, (s + w) * bins, mean);
      p.put("time" + m + "Start", s);
      p.put("time" + m + "Width", w);
    }
    p.put("maskValue", mean);
    return new Augmented<>(Spectrogram.ofFlat(frames, bins, v),
        AugmentationRecord.of(new AppliedTransform(NAME, p)));
  }

  @Override
  public String toString() {
    return "SpecAugment[" + frequencyMasks + " freq masks <= " + maxFrequencyWidth + ", "
        + timeMasks + " time masks <= " + maxTimeWidth + " frames and " + maxTimeFraction + "]";
  }

  /** Mutable, not thread-safe builder; each setter checks its value at once. */
  public static final class Builder {
    private int frequencyMasks = 2;
    private int maxFrequencyWidth = 8;
    private int timeMasks = 2;
    private int maxTimeWidth = 20;
    private double maxTimeFraction = 0.2;

    private Builder() {}

    /**
     * @param count how many frequency masks, 0 to 10; default 2
     * @param maxWidth the widest, in bins, 0 to 1024; default 8
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder frequencyMasks(int count, int maxWidth) {
      frequencyMasks = Checks.between(count, 0, 10, "frequencyMasks");
      maxFrequencyWidth = Checks.between(maxWidth, 0, 1024, "maxFrequencyWidth");
      return this;
    }

    /**
     * @param count how many time masks, 0 to 10; default 2
     * @param maxWidth the widest, in frames, 0 to 100000; default 20
     * @param maxFraction the widest as a fraction of the frames, 0 to 1; default 0.2
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder timeMasks(int count, int maxWidth, double maxFraction) {
      timeMasks = Checks.between(count, 0, 10, "timeMasks");
      maxTimeWidth = Checks.between(maxWidth, 0, 100_000, "maxTimeWidth");
      maxTimeFraction = Checks.between(maxFraction, 0, 1, "maxTimeFraction");
      return this;
    }

    /**
     * Builds the augmenter.
     *
     * @return the augmenter
     */
    public SpecAugment build() {
      return new SpecAugment(this);
    }
  }
}
