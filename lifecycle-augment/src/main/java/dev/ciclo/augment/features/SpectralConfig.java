package dev.ciclo.augment.features;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.internal.Checks;
import java.util.Objects;

/**
 * The parameters of the log-mel spectrogram and MFCC. Immutable and thread-safe; made by {@link
 * #builder()}, whose defaults suit 8 kHz speech (25 ms frames every 10 ms).
 *
 * <table>
 *   <caption>Parameters and defaults</caption>
 *   <tr><th>parameter</th><th>default</th><th>range</th></tr>
 *   <tr><td>sampleRate</td><td>8000 Hz</td><td>1000 to {@link AudioClip#MAX_SAMPLE_RATE}</td></tr>
 *   <tr><td>frameLength</td><td>200 samples</td><td>16 to fftSize</td></tr>
 *   <tr><td>hopLength</td><td>80 samples</td><td>1 to frameLength</td></tr>
 *   <tr><td>fftSize</td><td>256</td><td>a power of two from 16 to 65536</td></tr>
 *   <tr><td>window</td><td>{@link Window#HANN}</td><td></td></tr>
 *   <tr><td>melBands</td><td>40</td><td>1 to fftSize / 2</td></tr>
 *   <tr><td>fmin</td><td>0 Hz</td><td>0 to below fmax</td></tr>
 *   <tr><td>fmax</td><td>sampleRate / 2</td><td>above fmin, up to sampleRate / 2</td></tr>
 *   <tr><td>preEmphasis</td><td>0.97</td><td>0 (off) to 1</td></tr>
 *   <tr><td>coefficients</td><td>13</td><td>1 to melBands</td></tr>
 * </table>
 */
public final class SpectralConfig {
  private final int sampleRate;
  private final int frameLength;
  private final int hopLength;
  private final int fftSize;
  private final Window window;
  private final int melBands;
  private final double fmin;
  private final double fmax;
  private final double preEmphasis;
  private final int coefficients;

  private SpectralConfig(Builder b) {
    sampleRate = b.sampleRate;
    frameLength = b.frameLength;
    hopLength = b.hopLength;
    fftSize = b.fftSize;
    window = b.window;
    melBands = b.melBands;
    fmin = b.fmin;
    fmax = Double.isNaN(b.fmax) ? b.sampleRate / 2.0 : b.fmax;
    preEmphasis = b.preEmphasis;
    coefficients = b.coefficients;
  }

  /**
   * A builder with the defaults in the table above.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults for 8 kHz speech.
   *
   * @return {@code builder().build()}
   */
  public static SpectralConfig defaults() {
    return builder().build();
  }

  /** @return the sample rate clips must have, in Hz */
  public int sampleRate() {
    return sampleRate;
  }

  /** @return samples per frame */
  public int frameLength() {
    return frameLength;
  }

  /** @return samples between frame starts */
  public int hopLength() {
    return hopLength;
  }

  /** @return the FFT length; frames are zero-padded to it */
  public int fftSize() {
    return fftSize;
  }

  /** @return the frame window */
  public Window window() {
    return window;
  }

  /** @return the number of mel bands */
  public int melBands() {
    return melBands;
  }

  /** @return the lowest frequency of the mel filterbank, in Hz */
  public double fmin() {
    return fmin;
  }

  /** @return the highest frequency of the mel filterbank, in Hz */
  public double fmax() {
    return fmax;
  }

  /** @return the pre-emphasis coefficient, 0 for none */
  public double preEmphasis() {
    return preEmphasis;
  }

  /** @return the number of cepstral coefficients kept */
  public int coefficients() {
    return coefficients;
  }

  @Override
  public String toString() {
    return "SpectralConfig[sampleRate=" + sampleRate + ", frameLength=" + frameLength
        + ", hopLength=" + hopLength + ", fftSize=" + fftSize + ", window=" + window
        + ", melBands=" + melBands + ", fmin=" + Checks.fmt(fmin) + ", fmax=" + Checks.fmt(fmax)
        + ", preEmphasis=" + Checks.fmt(preEmphasis) + ", coefficients=" + coefficients + "]";
  }

  /** Mutable, not thread-safe builder; each setter checks its value at once. */
  public static final class Builder {
    private int sampleRate = 8000;
    private int frameLength = 200;
    private int hopLength = 80;
    private int fftSize = 256;
    private Window window = Window.HANN;
    private int melBands = 40;
    private double fmin = 0;
    private double fmax = Double.NaN;
    private double preEmphasis = 0.97;
    private int coefficients = 13;

    private Builder() {}

    /**
     * @param hz the sample rate clips must have; default 8000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder sampleRate(int hz) {
      sampleRate = Checks.between(hz, 1000, AudioClip.MAX_SAMPLE_RATE, "sampleRate");
      return this;
    }

    /**
     * @param samples samples per frame; default 200
     * @return this builder
     * @throws IllegalArgumentException if below 16 or above 65536
     */
    public Builder frameLength(int samples) {
      frameLength = Checks.between(samples, 16, 65536, "frameLength");
      return this;
    }

    /**
     * @param samples samples between frame starts; default 80
     * @return this builder
     * @throws IllegalArgumentException if below 1 or above 65536
     */
    public Builder hopLength(int samples) {
      hopLength = Checks.between(samples, 1, 65536, "hopLength");
      return this;
    }

    /**
     * @param n the FFT length, a power of two; default 256
     * @return this builder
     * @throws IllegalArgumentException if not a power of two from 16 to 65536
     */
    public Builder fftSize(int n) {
      Checks.between(n, 16, 65536, "fftSize");
      if (Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException("fftSize must be a power of two but was " + n);
      }
      fftSize = n;
      return this;
    }

    /**
     * @param w the frame window; default {@link Window#HANN}
     * @return this builder
     */
    public Builder window(Window w) {
      window = Objects.requireNonNull(w, "window");
      return this;
    }

    /**
     * @param n the number of mel bands; default 40
     * @return this builder
     * @throws IllegalArgumentException if below 1 or above 1024
     */
    public Builder melBands(int n) {
      melBands = Checks.between(n, 1, 1024, "melBands");
      return this;
    }

    /**
     * @param hz the filterbank's lowest frequency; default 0
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder fmin(double hz) {
      fmin = Checks.between(hz, 0, AudioClip.MAX_SAMPLE_RATE / 2.0, "fmin");
      return this;
    }

    /**
     * @param hz the filterbank's highest frequency; default half the sample rate
     * @return this builder
     * @throws IllegalArgumentException if not positive or not finite
     */
    public Builder fmax(double hz) {
      fmax = Checks.between(hz, Double.MIN_VALUE, AudioClip.MAX_SAMPLE_RATE / 2.0, "fmax");
      return this;
    }

    /**
     * @param a the pre-emphasis coefficient, {@code y[n] = x[n] - a x[n-1]}; default 0.97
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder preEmphasis(double a) {
      preEmphasis = Checks.between(a, 0, 1, "preEmphasis");
      return this;
    }

    /**
     * @param n the number of cepstral coefficients; default 13
     * @return this builder
     * @throws IllegalArgumentException if below 1 or above 1024
     */
    public Builder coefficients(int n) {
      coefficients = Checks.between(n, 1, 1024, "coefficients");
      return this;
    }

    /**
     * Checks what spans fields and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if frameLength exceeds fftSize, hopLength exceeds
     *     frameLength, melBands exceeds fftSize / 2, coefficients exceed melBands, or fmin and
     *     fmax are not ordered within half the sample rate
     */
    public SpectralConfig build() {
      Checks.between(frameLength, 16, fftSize, "frameLength");
      Checks.between(hopLength, 1, frameLength, "hopLength");
      Checks.between(melBands, 1, fftSize / 2, "melBands");
      Checks.between(coefficients, 1, melBands, "coefficients");
      double top = Double.isNaN(fmax) ? sampleRate / 2.0 : fmax;
      Checks.between(top, Double.MIN_VALUE, sampleRate / 2.0, "fmax");
      if (fmin >= top) {
        throw new IllegalArgumentException(
            "fmin must be below fmax (" + Checks.fmt(top) + " Hz) but was " + Checks.fmt(fmin));
      }
      return new SpectralConfig(this);
    }
  }
}
