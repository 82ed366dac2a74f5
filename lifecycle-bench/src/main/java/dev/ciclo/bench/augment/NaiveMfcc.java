package dev.ciclo.bench.augment;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.features.SpectralConfig;

/**
 * The MFCC pipeline of {@code SpeechFeatures} with a hand-written transform in place of
 * JTransforms: a naive O(N^2) DFT (the baseline) or a textbook iterative radix-2 FFT (the peer
 * the library must beat to earn its dependency). Same framing, window, filterbank, log and DCT.
 */
final class NaiveMfcc {
  private final boolean radix2;
  private final SpectralConfig c;
  private final double[] cos;
  private final double[] sin;
  private final double[] window;
  private final double[][] fb;
  private final double[][] dct;

  NaiveMfcc(SpectralConfig c, boolean radix2) {
    this.c = c;
    this.radix2 = radix2;
    int n = c.fftSize();
    cos = new double[n];
    sin = new double[n];
    for (int i = 0; i < n; i++) {
      cos[i] = Math.cos(2 * Math.PI * i / n);
      sin[i] = Math.sin(2 * Math.PI * i / n);
    }
    window = new double[c.frameLength()];
    for (int i = 0; i < window.length; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / window.length);
    }
    int m = c.melBands();
    double lo = 2595 * Math.log10(1 + c.fmin() / 700);
    double hi = 2595 * Math.log10(1 + c.fmax() / 700);
    double[] hz = new double[m + 2];
    for (int i = 0; i < hz.length; i++) {
      hz[i] = 700 * (Math.pow(10, (lo + (hi - lo) * i / (m + 1)) / 2595) - 1);
    }
    fb = new double[m][n / 2 + 1];
    for (int b = 0; b < m; b++) {
      for (int k = 0; k <= n / 2; k++) {
        double f = (double) k * c.sampleRate() / n;
        fb[b][k] = Math.max(0, Math.min((f - hz[b]) / (hz[b + 1] - hz[b]),
            (hz[b + 2] - f) / (hz[b + 2] - hz[b + 1])));
      }
    }
    dct = new double[c.coefficients()][m];
    for (int k = 0; k < dct.length; k++) {
      for (int i = 0; i < m; i++) {
        dct[k][i] = (k == 0 ? Math.sqrt(1.0 / m) : Math.sqrt(2.0 / m))
            * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * m));
      }
    }
  }

  double[][] mfcc(AudioClip clip) {
    float[] x = clip.samples();
    int len = c.frameLength();
    int hop = c.hopLength();
    int n = c.fftSize();
    int frames = x.length <= len ? 1 : 1 + (x.length - len + hop - 1) / hop;
    double[][] out = new double[frames][c.coefficients()];
    double[] buf = new double[n];
    double[] power = new double[n / 2 + 1];
    double[] im = new double[n];
    double[] logMel = new double[c.melBands()];
    for (int t = 0; t < frames; t++) {
      java.util.Arrays.fill(buf, 0);
      for (int i = 0; i < len && t * hop + i < x.length; i++) {
        int j = t * hop + i;
        buf[i] = (j == 0 ? x[0] : x[j] - c.preEmphasis() * x[j - 1]) * window[i];
      }
      if (radix2) {
        fft(buf, im, power);
      } else {
        for (int k = 0; k <= n / 2; k++) {
          double re = 0;
          double imag = 0;
          for (int i = 0; i < n; i++) {
            int idx = (int) ((long) k * i % n);
            re += buf[i] * cos[idx];
            imag -= buf[i] * sin[idx];
          }
          power[k] = re * re + imag * imag;
        }
      }
      for (int b = 0; b < logMel.length; b++) {
        double e = 0;
        for (int k = 0; k < power.length; k++) {
          e += fb[b][k] * power[k];
        }
        logMel[b] = Math.log(Math.max(e, 1e-10));
      }
      for (int k = 0; k < dct.length; k++) {
        double s = 0;
        for (int b = 0; b < logMel.length; b++) {
          s += dct[k][b] * logMel[b];
        }
        out[t][k] = s;
      }
    }
    return out;
  }

  /** In-place iterative radix-2 complex FFT of (re, 0); writes |X_k|^2 for k = 0..n/2. */
  private void fft(double[] re, double[] im, double[] power) {
    int n = re.length;
    java.util.Arrays.fill(im, 0);
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      int step = n / len;
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = cos[k * step];
          double wi = -sin[k * step];
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
    for (int k = 0; k <= n / 2; k++) {
      power[k] = re[k] * re[k] + im[k] * im[k];
    }
  }
}
