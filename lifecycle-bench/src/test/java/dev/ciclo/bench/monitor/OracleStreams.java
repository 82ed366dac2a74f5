package dev.ciclo.bench.monitor;

import java.util.SplittableRandom;

/** The seeded streams on which Ciclo's detectors are held to MOA's. */
final class OracleStreams {
  private OracleStreams() {}

  /** Bernoulli errors with abrupt changes: rate 0.2, 0.4, 0.1, 0.3 for 25,000 values each. */
  static double[] abrupt(long seed) {
    double[] rates = {0.2, 0.4, 0.1, 0.3};
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < rates[i / 25_000] ? 1 : 0;
    }
    return x;
  }

  /**
   * Bernoulli errors whose rate rises gradually: 0.1 for 20,000 values, then linearly to 0.5 over
   * 60,000 values, then 0.5 for 20,000.
   */
  static double[] gradual(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[100_000];
    for (int i = 0; i < x.length; i++) {
      double p = i < 20_000 ? 0.1 : i < 80_000 ? 0.1 + 0.4 * (i - 20_000) / 60_000.0 : 0.5;
      x[i] = r.nextDouble() < p ? 1 : 0;
    }
    return x;
  }

  /** 200,000 Bernoulli errors at rate 0.2: no change. */
  static double[] noChange(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[200_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < 0.2 ? 1 : 0;
    }
    return x;
  }

  /** 40,000 standard normal values whose mean moves from 0 to 1 at 20,000 (Box-Muller). */
  static double[] gaussianShift(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[40_000];
    for (int i = 0; i < x.length; i++) {
      double u = r.nextDouble();
      double v = r.nextDouble();
      x[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v) + (i < 20_000 ? 0 : 1);
    }
    return x;
  }
}
