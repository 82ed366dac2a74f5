package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;

/**
 * The population stability index {@code PSI = sum (q_i - p_i) ln(q_i / p_i)} over bins or
 * categories, with {@code p} the reference and {@code q} the current proportions. An empty bin's
 * proportion is replaced by {@code 0.0001} (as Evidently does), so new categories count instead
 * of crashing the test. There is no p-value.
 *
 * <p>Defaults: drift when {@code PSI >= 0.1} (Evidently's default; the credit-scoring rule of
 * thumb reads below 0.1 as stable, 0.1 to 0.25 as a moderate shift, above 0.25 as a major one);
 * numeric samples are cut into 10 bins at the reference's deciles.
 *
 * <p>Stateless and thread-safe.
 */
public final class PopulationStability extends BinnedDistance {
  static final double EMPTY_BIN = 1e-4;

  private PopulationStability(double threshold, int bins) {
    super("psi", threshold, bins);
  }

  /**
   * PSI with threshold 0.1 and 10 bins.
   *
   * @return the test
   */
  public static PopulationStability create() {
    return new PopulationStability(0.1, 10);
  }

  /**
   * PSI with the given settings.
   *
   * @param threshold drift when PSI is at least this, positive; default 0.1
   * @param bins bins for numeric samples, at least 2; default 10
   * @return the test
   * @throws IllegalArgumentException if a value is out of range
   */
  public static PopulationStability create(double threshold, int bins) {
    return new PopulationStability(
        Checks.positive(threshold, "threshold"), Checks.atLeast(bins, 2, "bins"));
  }

  @Override
  double statistic(double[] p, double[] q) {
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] == 0 ? EMPTY_BIN : p[i];
      double b = q[i] == 0 ? EMPTY_BIN : q[i];
      psi += (b - a) * Math.log(b / a);
    }
    return psi;
  }
}
