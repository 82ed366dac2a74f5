package dev.ciclo.augment.noise;

/**
 * Numeric kernels for mixing. Sums of squares use independent float accumulators per block,
 * added in double, as a single running sum is bound by floating-point add latency (the first
 * version, with one sum and a wrap-around test per sample, mixed about 3x slower). Mixing writes
 * in place and measures the added noise in the same pass, so a mix reads each sample once.
 */
final class Mixing {
  private Mixing() {}

  static double rms(float[] x) {
    return x.length == 0 ? 0 : Math.sqrt(sumSquares(x, 0, x.length) / x.length);
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
   * Adds {@code gain} times the noise, read from {@code offset} and looped back to its start as
   * often as needed, to the clean samples held in {@code xOut}, in place and in float arithmetic:
   * {@code xOut[i] = x[i] + (float) gain * noise[(offset + i) % noise.length]}. In the same pass
   * it sums the energy of the noise actually added, {@code (xOut[i] - x[i])^2} as written, in
   * eight float lanes per block of 512 samples like {@link #sumSquares}.
   *
   * @param xOut the clean samples on entry, the mix on return
   * @return the energy of the added noise as measured on the output
   */
  static double mixInPlace(float[] xOut, float[] noise, int offset, double gain) {
    int n = xOut.length;
    int len = noise.length;
    float g = (float) gain;
    double total = 0;
    int i = 0;
    int j = offset;
    while (i < n) {
      int run = Math.min(n - i, len - j);
      total += mixRun(xOut, i, noise, j, run, g);
      i += run;
      j = 0;
    }
    return total;
  }

  /** {@link #mixInPlace} over {@code count} samples with no wrap-around. */
  private static double mixRun(float[] a, int from, float[] noise, int noiseFrom, int count,
      float g) {
    double total = 0;
    int end = from + count;
    int shift = noiseFrom - from;
    int k = from;
    while (k < end) {
      int stop = Math.min(end, k + 512);
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (; k + 7 < stop; k += 8) {
        float c0 = a[k], c1 = a[k + 1], c2 = a[k + 2], c3 = a[k + 3];
        float c4 = a[k + 4], c5 = a[k + 5], c6 = a[k + 6], c7 = a[k + 7];
        float o0 = c0 + g * noise[k + shift];
        float o1 = c1 + g * noise[k + 1 + shift];
        float o2 = c2 + g * noise[k + 2 + shift];
        float o3 = c3 + g * noise[k + 3 + shift];
        float o4 = c4 + g * noise[k + 4 + shift];
        float o5 = c5 + g * noise[k + 5 + shift];
        float o6 = c6 + g * noise[k + 6 + shift];
        float o7 = c7 + g * noise[k + 7 + shift];
        a[k] = o0;
        a[k + 1] = o1;
        a[k + 2] = o2;
        a[k + 3] = o3;
        a[k + 4] = o4;
        a[k + 5] = o5;
        a[k + 6] = o6;
        a[k + 7] = o7;
        s0 += (o0 - c0) * (o0 - c0);
        s1 += (o1 - c1) * (o1 - c1);
        s2 += (o2 - c2) * (o2 - c2);
        s3 += (o3 - c3) * (o3 - c3);
        s4 += (o4 - c4) * (o4 - c4);
        s5 += (o5 - c5) * (o5 - c5);
        s6 += (o6 - c6) * (o6 - c6);
        s7 += (o7 - c7) * (o7 - c7);
      }
      for (; k < stop; k++) {
        float c = a[k];
        float o = c + g * noise[k + shift];
        a[k] = o;
        s0 += (o - c) * (o - c);
      }
      total += ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
    }
    return total;
  }
}
