package dev.ciclo.augment.noise;

/**
 * Numeric kernels for mixing. Sums of squares use four independent double accumulators, as a
 * single running sum is bound by floating-point add latency (the first version, with one sum
 * and a wrap-around test per sample, mixed about 3x slower); the mixing loop itself is plain
 * float arithmetic that the JIT vectorises.
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
    double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    int j = offset;
    while (i < n) {
      int run = Math.min(n - i, len - j);
      int k = 0;
      for (; k + 3 < run; k += 4) {
        double a0 = x[i + k];
        double a1 = x[i + k + 1];
        double a2 = x[i + k + 2];
        double a3 = x[i + k + 3];
        double b0 = noise[j + k];
        double b1 = noise[j + k + 1];
        double b2 = noise[j + k + 2];
        double b3 = noise[j + k + 3];
        c0 += a0 * a0;
        c1 += a1 * a1;
        c2 += a2 * a2;
        c3 += a3 * a3;
        s0 += b0 * b0;
        s1 += b1 * b1;
        s2 += b2 * b2;
        s3 += b3 * b3;
      }
      for (; k < run; k++) {
        double a = x[i + k];
        double b = noise[j + k];
        c0 += a * a;
        s0 += b * b;
      }
      i += run;
      j = 0;
    }
    out[0] = (c0 + c1) + (c2 + c3);
    out[1] = (s0 + s1) + (s2 + s3);
  }

  /**
   * out[i] = x[i] + gain * seg[i] in float arithmetic (a plain loop the JIT vectorises), then
   * returns the energy of out - x as measured on the output.
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
    // What was actually added is out - x as floats; sum its square in double, four lanes.
    double e0 = 0, e1 = 0, e2 = 0, e3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      double d0 = out[k] - x[k];
      double d1 = out[k + 1] - x[k + 1];
      double d2 = out[k + 2] - x[k + 2];
      double d3 = out[k + 3] - x[k + 3];
      e0 += d0 * d0;
      e1 += d1 * d1;
      e2 += d2 * d2;
      e3 += d3 * d3;
    }
    for (; k < n; k++) {
      double d = out[k] - x[k];
      e0 += d * d;
    }
    return (e0 + e1) + (e2 + e3);
  }
}
