package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * How voiced a clip's speech segment is: the second half of the "no speech" decision. A spoken
 * digit has a vowel, whose frames repeat with the pitch period (60 to 400 Hz); traffic, wind
 * and crowds mostly do not, even when they are as loud and as uneven as a voice.
 *
 * <p>Frames of 32 ms every 20 ms over the segment, Hann-windowed; a frame's voicing is the peak
 * of its normalised autocorrelation ({@code r(lag) / r(0)}, through a 512-point FFT) at lags of
 * 2.5 to 16.6 ms. Only frames within {@value #LOUD_DB} dB of the segment's loudest frame count.
 * Two numbers: the share of those frames whose voicing exceeds {@value #VOICED}, and the mean
 * voicing of the top tenth of them. In a NumPy prototype of this measure (frames every 10 ms)
 * the share was above 0.31 for 95% of FSDD's digits (median 0.76) and below 0.5 for 99% of 1 s
 * pieces of the shared noise recordings (street-cars.wav: below 0.16 for 99%). The model reads
 * both as features; they are not a hard rule, since a few digits are barely voiced.
 *
 * <p>Stateless and thread-safe.
 */
final class Voicing {
  /** Frames quieter than the loudest by more than this are left out, in dB. */
  static final double LOUD_DB = 25;
  /** The normalised autocorrelation peak above which a frame is voiced. */
  static final double VOICED = 0.5;
  private static final int FFT = 512;
  private static final ThreadLocal<DoubleFFT_1D> TRANSFORM =
      ThreadLocal.withInitial(() -> new DoubleFFT_1D(FFT));

  private Voicing() {}

  /**
   * The voiced share and top voicing of {@code [start, end)} of a clip.
   *
   * @return {share, top}, both 0 when the segment is shorter than one frame
   */
  static double[] measure(AudioClip clip, int start, int end) {
    int rate = clip.sampleRate();
    int frame = Math.min(FFT / 2, Math.max(8, rate * 32 / 1000));
    int hop = Math.max(1, rate / 50);
    int minLag = Math.max(1, rate / 400);
    int maxLag = Math.min(frame - 1, rate / 60);
    int n = end - start < frame ? 0 : 1 + (end - start - frame) / hop;
    if (n == 0) {
      return new double[] {0, 0};
    }
    float[] x = clip.samples();
    double[] window = new double[frame];
    for (int i = 0; i < frame; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame);
    }
    DoubleFFT_1D fft = TRANSFORM.get();
    double[] buf = new double[FFT];
    double[] energy = new double[n];
    double[] peak = new double[n];
    for (int f = 0; f < n; f++) {
      int o = start + f * hop;
      double mean = 0;
      for (int i = 0; i < frame; i++) {
        mean += x[o + i];
      }
      mean /= frame;
      Arrays.fill(buf, 0);
      for (int i = 0; i < frame; i++) {
        buf[i] = (x[o + i] - mean) * window[i];
      }
      fft.realForward(buf);
      // power spectrum in place (packed: re0, re(N/2), then re/im pairs), then back: r(lag)
      buf[0] = buf[0] * buf[0];
      buf[1] = buf[1] * buf[1];
      for (int k = 1; k < FFT / 2; k++) {
        double re = buf[2 * k];
        double im = buf[2 * k + 1];
        buf[2 * k] = re * re + im * im;
        buf[2 * k + 1] = 0;
      }
      fft.realInverse(buf, false);
      energy[f] = buf[0];
      double best = 0;
      if (buf[0] > 1e-12) {
        for (int lag = minLag; lag <= maxLag; lag++) {
          best = Math.max(best, buf[lag] / buf[0]);
        }
      }
      peak[f] = best;
    }
    double loudest = 0;
    for (double e : energy) {
      loudest = Math.max(loudest, e);
    }
    double floor = loudest * Math.pow(10, -LOUD_DB / 10);
    double[] loud = new double[n];
    int m = 0;
    int voiced = 0;
    for (int f = 0; f < n; f++) {
      if (energy[f] >= floor && energy[f] > 0) {
        loud[m++] = peak[f];
        voiced += peak[f] > VOICED ? 1 : 0;
      }
    }
    if (m == 0) {
      return new double[] {0, 0};
    }
    double[] sorted = Arrays.copyOf(loud, m);
    Arrays.sort(sorted);
    int top = Math.max(1, m / 10);
    double sum = 0;
    for (int i = m - top; i < m; i++) {
      sum += sorted[i];
    }
    return new double[] {voiced / (double) m, sum / top};
  }
}
