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
 * <p>Cost: when the two rates share a large factor (8 kHz from 44.1, 16 or 48 kHz) the filter's
 * phases are few and computed exactly once per call; otherwise (a rate such as 50,001 Hz, which a
 * client may put in a WAV header) each tap is read from a sinc table and a window table computed
 * once, by linear interpolation (within about 1e-6 of the exact value), and when even those
 * phases are too many each output interpolates between the two nearest of a grid of them; a
 * phase's taps are computed when an output first needs them. So the work grows with the samples
 * and the taps alone, about as for a multiple of the target rate (computing the exact kernel for
 * every phase made a 4 MB clip at 1,535,999 Hz cost 10 s of CPU, a 444-byte one at 50,001 Hz
 * 0.15 s).
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

  /** The most taps of a table of every phase (beyond: a grid of phases, interpolated). */
  private static final int MAX_TABLE = 4_000_000;
  /** The most taps computed exactly (Bessel and sine) in one call; the rest are interpolated. */
  private static final long EXACT_TAPS = 1 << 16;
  /** Table points per unit of the sinc's argument and of the window's. */
  private static final int SINC_STEPS = 1024;
  private static final int WINDOW_STEPS = 4096;
  /** sinc(u) for u from 0 to {@code ZERO_CROSSINGS + 1} (past the widest tap), in steps. */
  private static final double[] SINC = new double[(ZERO_CROSSINGS + 1) * SINC_STEPS + 2];
  /** The Kaiser window at r from 0 to 1, in steps (0 beyond 1). */
  private static final double[] WINDOW = new double[WINDOW_STEPS + 2];

  static {
    for (int k = 0; k < SINC.length; k++) {
      SINC[k] = sinc((double) k / SINC_STEPS);
    }
    double i0b = besselI0(BETA);
    for (int k = 0; k < WINDOW.length; k++) {
      double r = Math.min(1.0, (double) k / WINDOW_STEPS);
      WINDOW[k] = besselI0(BETA * Math.sqrt(1 - r * r)) / i0b;
    }
  }

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
    return resample(x, from, to, EXACT_TAPS);
  }

  /**
   * Resamples with taps computed exactly while the filter has at most {@code exactTaps} of them
   * over all phases, interpolated from the tables otherwise (tests compare the two).
   */
  static float[] resample(float[] x, int from, int to, long exactTaps) {
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
    // every phase; or, when they are too many (rates that share no large factor), a grid of
    // phases, each output interpolating between the two around its own. A row is computed when
    // an output first needs it: a short clip needs few.
    int phases = table ? (int) up : Math.max(1, MAX_TABLE / taps - 1);
    Kernel k = new Kernel(table ? phases : phases + 1, phases, half, fc, up * taps <= exactTaps);
    for (int j = 0; j < y.length; j++) {
      long num = j * down;
      int base = (int) (num / up);
      int phase = (int) (num % up);
      int k0 = base - half + 1;
      int lo = Math.max(0, -k0);
      int hi = Math.min(taps, x.length - k0);
      double acc;
      if (table) {
        acc = dot(x, k0, k.row(phase), lo, hi);
      } else {
        double at = (double) phase * phases / up;
        int p = (int) at;
        double a = dot(x, k0, k.row(p), lo, hi);
        acc = a + (at - p) * (dot(x, k0, k.row(p + 1), lo, hi) - a);
      }
      y[j] = (float) acc;
    }
    return y;
  }

  /**
   * Filter taps for fractional position {@code frac}: tap i weighs input base-half+1+i. Exact, or
   * interpolated from {@link #SINC} and {@link #WINDOW}.
   */
  private static void fill(double[] h, double frac, int half, double fc, boolean exact) {
    double i0b = besselI0(BETA);
    double width = half;
    for (int i = 0; i < 2 * half; i++) {
      double tau = frac + half - 1 - i;
      double r = Math.abs(tau) / width;
      if (r >= 1) {
        h[i] = 0;
      } else if (exact) {
        h[i] = fc * sinc(fc * tau) * (besselI0(BETA * Math.sqrt(1 - r * r)) / i0b);
      } else {
        h[i] = fc * lookup(SINC, fc * Math.abs(tau) * SINC_STEPS)
            * lookup(WINDOW, r * WINDOW_STEPS);
      }
    }
  }

  /** Taps {@code lo} to {@code hi} of a row applied to the input from {@code k0}. */
  private static double dot(float[] x, int k0, double[] h, int lo, int hi) {
    double acc = 0;
    for (int i = lo; i < hi; i++) {
      acc += x[k0 + i] * h[i];
    }
    return acc;
  }

  /** The filter's rows, phase {@code p} at position {@code p / phases}, each made when needed. */
  private static final class Kernel {
    private final double[][] rows;
    private final int phases;
    private final int half;
    private final double fc;
    private final boolean exact;

    Kernel(int rows, int phases, int half, double fc, boolean exact) {
      this.rows = new double[rows][];
      this.phases = phases;
      this.half = half;
      this.fc = fc;
      this.exact = exact;
    }

    double[] row(int p) {
      double[] h = rows[p];
      if (h == null) {
        h = new double[2 * half];
        fill(h, (double) p / phases, half, fc, exact);
        rows[p] = h;
      }
      return h;
    }
  }

  /** The table linearly interpolated at {@code at} (in table steps, from 0). */
  private static double lookup(double[] table, double at) {
    int k = (int) at;
    double t = at - k;
    return table[k] + t * (table[k + 1] - table[k]);
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
