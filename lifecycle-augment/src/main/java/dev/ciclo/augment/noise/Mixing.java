package dev.ciclo.augment.noise;

/** Numeric helpers for mixing. */
final class Mixing {
  private Mixing() {}

  static double rms(float[] x) {
    if (x.length == 0) {
      return 0;
    }
    double s = 0;
    for (float v : x) {
      s += (double) v * v;
    }
    return Math.sqrt(s / x.length);
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
}
