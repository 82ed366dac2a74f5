package dev.ciclo.augment.noise;

/**
 * Numeric kernels for mixing. Sums of squares use independent accumulators, as a single running
 * sum is bound by floating-point add latency (the first version, with one sum and a wrap-around
 * test per sample, mixed about 3x slower); the mixing loop itself is plain float arithmetic
 * that the JIT vectorises.
 */
final class Mixing {
  private Mixing() {}

  static double rms(float[] x) {
    if (x.length == 0) {
      return 0;
    }
    double[] e = new double[2];
    energies(x, x, 0, e);
    return Math.sqrt(e[0] / x.length);
  }

  /** 20 log10(rms(clean) / rms(out - clean)), as measured on the float output. */
  static double measuredSnrDb(float[] clean, float[] out) {
    double s = 0;
    double n = 0;
    for (int i = 0; i < clean.length; i++) {
      double c = clean[i];
      double d = (double) out[i] - c;
      s += c * c;
      n += d * d;
    }
    return 10 * Math.log10(s / n);
  }

  /**
   * Energies of x and of the looped segment of noise starting at offset: out[0] = sum x^2,
   * out[1] = sum seg^2.
   */
  static void energies(float[] x, float[] noise, int offset, double[] out) {
    int n = x.length;
    int len = noise.length;
    double clean = 0;
    double seg = 0;
    int i = 0;
    int j = offset;
    while (i < n) {
      int run = Math.min(n - i, len - j);
      clean += sumSquares(x, i, run);
      seg += sumSquares(noise, j, run);
      i += run;
      j = 0;
    }
    out[0] = clean;
    out[1] = seg;
  }

  /**
   * Sum of squares: blocks of 512 samples summed in eight float lanes (64 terms each, relative
   * error below 4e-6, so below 2e-5 dB of SNR), blocks added in double. Measured 1.2 us per
   * 8,000 samples against 1.9 us with four double lanes and 4.1 us with one running sum.
   */
  static double sumSquares(float[] a, int from, int count) {
    double total = 0;
    int end = from + count;
    int k = from;
    while (k < end) {
      int stop = Math.min(end, k + 512);
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (; k + 7 < stop; k += 8) {
        s0 += a[k] * a[k];
        s1 += a[k + 1] * a[k + 1];
        s2 += a[k + 2] * a[k + 2];
        s3 += a[k + 3] * a[k + 3];
        s4 += a[k + 4] * a[k + 4];
        s5 += a[k + 5] * a[k + 5];
        s6 += a[k + 6] * a[k + 6];
        s7 += a[k + 7] * a[k + 7];
      }
      for (; k < stop; k++) {
        s0 += a[k] * a[k];
      }
      total += ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
    }
    return total;
  }

  /**
   * out[i] = x[i] + gain * seg[i] in float arithmetic (a plain loop the JIT vectorises), then
   * returns the energy of out - x as measured on the output, summed as in {@link #sumSquares}.
   */
  static double mix(float[] x, float[] noise, int offset, double gain, float[] out) {
    int n = x.length;
    int len = noise.length;
    float g = (float) gain;
    int i = 0;
    int j = offset;
    while (i < n) {
      int run = Math.min(n - i, len - j);
      for (int k = 0; k < run; k++) {
        out[i + k] = x[i + k] + g * noise[j + k];
      }
      i += run;
      j = 0;
    }
    double total = 0;
    int k = 0;
    while (k < n) {
      int stop = Math.min(n, k + 512);
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (; k + 7 < stop; k += 8) {
        float d0 = out[k] - x[k];
        float d1 = out[k + 1] - x[k + 1];
        float d2 = out[k + 2] - x[k + 2];
        float d3 = out[k + 3] - x[k + 3];
        float d4 = out[k + 4] - x[k + 4];
        float d5 = out[k + 5] - x[k + 5];
        float d6 = out[k + 6] - x[k + 6];
        float d7 = out[k + 7] - x[k + 7];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
        s4 += d4 * d4;
        s5 += d5 * d5;
        s6 += d6 * d6;
        s7 += d7 * d7;
      }
      for (; k < stop; k++) {
        float d = out[k] - x[k];
        s0 += d * d;
      }
      total += ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
    }
    return total;
  }
}
