package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;

/**
 * The Jensen-Shannon distance (the square root of the divergence, natural logarithm, as SciPy's
 * {@code jensenshannon}) between the reference and current proportions over bins or categories.
 * It is bounded ({@code [0, sqrt(ln 2)]}), symmetric, and needs no smoothing, so categories seen
 * on one side only are handled. There is no p-value.
 *
 * <p>Defaults: drift when the distance is at least 0.1 (Evidently's default); numeric samples are
 * cut into 10 bins at the reference's deciles.
 *
 * <p>Stateless and thread-safe.
 */
public final class JensenShannon extends BinnedDistance {
  private JensenShannon(double threshold, int bins) {
    super("jensen-shannon", threshold, bins);
  }

  /**
   * The distance with threshold 0.1 and 10 bins.
   *
   * @return the test
   */
  public static JensenShannon create() {
    return new JensenShannon(0.1, 10);
  }

  /**
   * The distance with the given settings.
   *
   * @param threshold drift when the distance is at least this, in {@code (0, 1)}; default 0.1
   * @param bins bins for numeric samples, at least 2; default 10
   * @return the test
   * @throws IllegalArgumentException if a value is out of range
   */
  public static JensenShannon create(double threshold, int bins) {
    return new JensenShannon(
        Checks.open01(threshold, "threshold"), Checks.atLeast(bins, 2, "bins"));
  }

  @Override
  double statistic(double[] p, double[] q) {
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      if (p[i] > 0) {
        js += p[i] * Math.log(p[i] / m);
      }
      if (q[i] > 0) {
        js += q[i] * Math.log(q[i] / m);
      }
    }
    return Math.sqrt(Math.max(0, js / 2));
  }
}
