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
 * Mixes a real noise recording from a {@link NoiseBank} into a clip at an SNR drawn from a range.
 *
 * <p>Per call, in this order from the stream: the recording (uniform over the bank), the SNR
 * (uniform in {@code [minSnrDb, maxSnrDb]}), the offset into the recording (uniform over every
 * start at which the clip fits; a recording shorter than the clip is looped from a uniform
 * start). The segment used is scaled by {@code rms(clean) / (10^(snr/20) rms(segment))} and
 * added with {@link AudioClip#plus}; the output is not clipped, so the SNR is exact (write it
 * with a float format, or expect clipping beyond full scale when writing 16-bit). The gain comes
 * from the clip's stored RMS and the bank's prefix sums, without a pass over either signal.
 *
 * <p>The record, named {@value #NAME}, carries {@code noiseFile}, {@code noiseSha256}, {@code
 * offset} (samples), {@code looped}, {@code requestedSnrDb}, {@code measuredSnrDb} and {@code
 * noiseGain}. {@code measuredSnrDb} is {@code 20 log10(rms(clean) / (g rms(segment)))}, where
 * {@code g} is the gain as applied (a float) and {@code rms(segment)} comes from one direct pass
 * over the noise samples actually added (looped as in the mix), independent of the prefix sums
 * that set the gain (that pass sums in float lanes, within 2e-5 dB of an exact sum): it is the
 * SNR of the two signals that are summed. It leaves out the float rounding of the mix itself (of
 * {@code g} times each noise sample, and of the sum), so it can differ from the SNR measured on
 * the output, {@code rms(clean) / rms(output - clean)}: on real speech and noise by about 2e-6
 * dB at 0-30 dB SNR and 1.4e-5 dB at 60 dB.
 *
 * <p>A silent (or empty) clip is returned unchanged with {@code skipped = "silent input"}; a
 * noise segment that happens to be all zeros likewise with {@code skipped = "silent noise
 * segment"}.
 *
 * <p>Defaults: SNR 3 to 30 dB (audiomentations' AddBackgroundNoise). Immutable and thread-safe.
 */
public final class BackgroundNoise implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "background-noise";
  /** The lowest SNR accepted, in dB. */
  public static final double MIN_SNR_DB = -20;
  /** The highest SNR accepted, in dB. */
  public static final double MAX_SNR_DB = 60;

  private final NoiseBank bank;
  private final double minSnrDb;
  private final double maxSnrDb;

  private BackgroundNoise(Builder b) {
    bank = b.bank;
    minSnrDb = b.minSnrDb;
    maxSnrDb = b.maxSnrDb;
  }

  /**
   * A builder for mixing noise from a bank.
   *
   * @param bank the noise, at the rate of the clips to augment
   * @return the builder, SNR 3 to 30 dB
   * @throws NullPointerException if {@code bank} is null
   */
  public static Builder builder(NoiseBank bank) {
    return new Builder(Objects.requireNonNull(bank, "bank"));
  }

  /**
   * @return the noise bank
   */
  public NoiseBank bank() {
    return bank;
  }

  /**
   * @throws IllegalArgumentException if the clip's rate differs from the bank's
   */
  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    if (input.sampleRate() != bank.sampleRate()) {
      throw new IllegalArgumentException("input sampleRate must be " + bank.sampleRate()
          + " Hz (the noise bank's) but was " + input.sampleRate());
    }
    int which = bank.size() == 1 ? 0 : random.nextInt(bank.size());
    double snr = Draws.uniform(random, minSnrDb, maxSnrDb);
    NoiseBank.Noise noise = bank.noise(which);
    int n = input.length();
    int len = noise.clip.length();
    boolean looped = len < n;
    int offset = looped ? random.nextInt(len) : (len == n ? 0 : random.nextInt(len - n + 1));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("noiseFile", noise.name);
    p.put("noiseSha256", noise.sha256);
    p.put("offset", offset);
    p.put("looped", looped);
    p.put("requestedSnrDb", snr);
    // Energies without a pass over either signal: the clip keeps its RMS, and the bank sums
    // any segment of its recordings from prefix sums (SquareSums).
    double clean = input.rms();
    if (clean == 0) {
      p.put("skipped", "silent input");
      return new Augmented<>(input, AugmentationRecord.of(new AppliedTransform(NAME, p)));
    }
    double segEnergy = noise.squares.looped(offset, n);
    if (segEnergy == 0) {
      p.put("skipped", "silent noise segment");
      return new Augmented<>(input, AugmentationRecord.of(new AppliedTransform(NAME, p)));
    }
    double gain = clean / (Math.sqrt(segEnergy / n) * Math.pow(10, snr / 20));
    AudioClip out = input.plus(noise.clip, offset, gain);
    // The SNR of what was summed, with the segment measured directly rather than from the
    // prefix sums that set the gain (and with the gain as plus applies it, a float).
    double segRms = Math.sqrt(Mixing.sumSquaresLooped(noise.clip, offset, n) / n);
    putFinite(p, "measuredSnrDb", 20 * Math.log10(clean / ((float) gain * segRms)));
    p.put("noiseGain", gain);
    return new Augmented<>(out, AugmentationRecord.of(new AppliedTransform(NAME, p)));
  }

  private static void putFinite(Map<String, Object> p, String key, double v) {
    if (Double.isFinite(v)) {
      p.put(key, v);
    }
  }

  @Override
  public String toString() {
    return "BackgroundNoise[" + bank.names() + ", snrDb " + Checks.fmt(minSnrDb) + " to "
        + Checks.fmt(maxSnrDb) + "]";
  }

  /** Mutable, not thread-safe builder; each setter checks its value at once. */
  public static final class Builder {
    private final NoiseBank bank;
    private double minSnrDb = 3;
    private double maxSnrDb = 30;

    private Builder(NoiseBank bank) {
      this.bank = bank;
    }

    /**
     * Sets the SNR range; a fixed SNR when both are equal.
     *
     * @param min the lowest SNR in dB, from -20 to 60; default 3
     * @param max the highest SNR in dB, from min to 60; default 30
     * @return this builder
     * @throws IllegalArgumentException if a bound is out of range or {@code min > max}
     */
    public Builder snrDb(double min, double max) {
      Checks.between(min, MIN_SNR_DB, MAX_SNR_DB, "snrDb");
      Checks.between(max, MIN_SNR_DB, MAX_SNR_DB, "snrDb");
      Checks.ordered(min, max, "snrDb");
      minSnrDb = min;
      maxSnrDb = max;
      return this;
    }

    /**
     * Builds the augmenter.
     *
     * @return the augmenter
     */
    public BackgroundNoise build() {
      return new BackgroundNoise(this);
    }
  }
}
