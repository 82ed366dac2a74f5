package dev.ciclo.bench.monitor;

import java.util.SplittableRandom;

/** Seeded streams shared by the detector benchmarks and the detection table. */
final class Streams {
  /** Stream length. */
  static final int LENGTH = 1_000_000;
  /** Index of the first changed value. */
  static final int CHANGE = 500_000;

  private Streams() {}

  /** Bernoulli errors: rate 0.2, then 0.4 from {@link #CHANGE} on (REFERENCES.md's stream). */
  static double[] errors(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      x[i] = r.nextDouble() < (i < CHANGE ? 0.2 : 0.4) ? 1 : 0;
    }
    return x;
  }

  /** Standard normal values, mean 0 then 1 from {@link #CHANGE} on (for KSWIN). */
  static double[] gaussian(long seed, int length, int change) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      double u = r.nextDouble();
      double v = r.nextDouble();
      x[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v) + (i < change ? 0 : 1);
    }
    return x;
  }
}
