package dev.ciclo.augment.audio;

import dev.ciclo.api.data.AudioClip;
import java.util.Objects;

/**
 * Changes a clip's sample rate with a band-limited (Kaiser-windowed sinc) interpolator, so
 * downsampling (for example 44.1 kHz noise to 8 kHz speech) does not fold high frequencies back
 * into the band.
 *
 * <p>The filter: cut-off at {@value #ROLLOFF} times the lower of the two Nyquist frequencies,
 * {@value #ZERO_CROSSINGS} zero crossings of the sinc on each side, Kaiser window with
 * β = {@value #BETA} (about 85 dB stop-band attenuation). The output has
 * {@code ceil(length * targetRate / sourceRate)} samples, and sample {@code j} is the input
 * interpolated at time {@code j / targetRate}; the signal before the first and after the last
 * input sample is taken as zero. DC gain is 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class Resampler {
  /** The cut-off as a fraction of the lower Nyquist frequency. */
  public static final double ROLLOFF = 0.92;
  /** Zero crossings of the windowed sinc on each side of its centre. */
  public static final int ZERO_CROSSINGS = 24;
  /** The Kaiser window's shape parameter. */
  public static final double BETA = 8.6;

  private static final int MAX_TABLE = 4_000_000;

  private Resampler() {}

  /**
   * Resamples a clip to another rate.
   *
   * @param clip the clip
   * @param targetRate the new rate, from 1 to {@link AudioClip#MAX_SAMPLE_RATE} Hz
   * @return a clip at {@code targetRate}; the same clip if the rate is already that
   * @throws NullPointerException if {@code clip} is null
   * @throws IllegalArgumentException if {@code targetRate} is out of range, or the output would
   *     have more than {@code Integer.MAX_VALUE - 8} samples
   */
  public static AudioClip resample(AudioClip clip, int targetRate) {
    Objects.requireNonNull(clip, "clip");
    if (targetRate < 1 || targetRate > AudioClip.MAX_SAMPLE_RATE) {
      throw new IllegalArgumentException(
          "targetRate must be between 1 and " + AudioClip.MAX_SAMPLE_RATE + " Hz but was "
              + targetRate);
    }
    int from = clip.sampleRate();
    if (from == targetRate) {
      return clip;
    }
    float[] x = new float[clip.length()];
    clip.asBuffer().get(x);
    return AudioClip.of(resample(x, from, targetRate), targetRate);
  }

  /**
   * Resamples raw samples; the engine behind {@link #resample(AudioClip, int)}.
   *
   * @param x the samples, not modified
   * @param from their rate in Hz, positive
   * @param to the new rate in Hz, positive
   * @return the resampled samples
   */
  static float[] resample(float[] x, int from, int to) {
    int g = gcd(from, to);
    long up = to / g;
    long down = from / g;
    long outLen = ((long) x.length * up + down - 1) / down;
    if (outLen > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "resampling " + x.length + " samples from " + from + " to " + to + " Hz would give "
              + outLen + " samples, more than " + (Integer.MAX_VALUE - 8));
    }
    double fc = ROLLOFF * Math.min(1.0, (double) to / from);
    int half = (int) Math.ceil(ZERO_CROSSINGS / fc);
    int taps = 2 * half;
    float[] y = new float[(int) outLen];
    boolean table = up * taps <= MAX_TABLE;
    double[] h = table ? new double[(int) up * taps] : new double[taps];
    if (table) {
      for (int p = 0; p < up; p++) {
        fill(h, p * taps, (double) p / up, half, fc);
      }
    }
    for (int j = 0; j < y.length; j++) {
      long num = j * down;
      int base = (int) (num / up);
      int phase = (int) (num % up);
      int off;
      if (table) {
        off = phase * taps;
      } else {
        fill(h, 0, (double) phase / up, half, fc);
        off = 0;
      }
      int k0 = base - half + 1;
      int lo = Math.max(0, -k0);
      int hi = Math.min(taps, x.length - k0);
      double acc = 0;
      for (int i = lo; i < hi; i++) {
        acc += x[k0 + i] * h[off + i];
      }
      y[j] = (float) acc;
    }
    return y;
  }

  /** Filter taps for fractional position {@code frac}: tap i weighs input base-half+1+i. */
  private static void fill(double[] h, int off, double frac, int half, double fc) {
    double i0b = besselI0(BETA);
    double width = half;
    for (int i = 0; i < 2 * half; i++) {
      double tau = frac + half - 1 - i;
      double r = tau / width;
      double w = Math.abs(r) >= 1 ? 0 : besselI0(BETA * Math.sqrt(1 - r * r)) / i0b;
      h[off + i] = fc * sinc(fc * tau) * w;
    }
  }

  private static double sinc(double x) {
    if (Math.abs(x) < 1e-12) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 200; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
