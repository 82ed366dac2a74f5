package dev.ciclo.monitor.batch;

import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.Args;
import dev.ciclo.monitor.sketch.BinnedHistogram;
import java.util.Map;

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
public final class JensenShannon {
  private final BinnedDistance test;

  private JensenShannon(double threshold, int bins) {
    this.test = new BinnedDistance("jensen-shannon", threshold, bins, JensenShannon::distance);
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
        Args.open01(threshold, "threshold"), Args.atLeast(bins, 2, "bins"));
  }

  /**
   * The test on numeric samples, binned at the reference's quantiles.
   *
   * @return a test of {@code double[]} samples
   */
  public DriftTest<double[]> numeric() {
    return test.numeric();
  }

  /**
   * The test on counts by category.
   *
   * @return a test of count maps
   */
  public DriftTest<Map<String, Long>> categorical() {
    return test.categorical();
  }

  /**
   * The test on two histograms with the same edges.
   *
   * @param reference the reference histogram
   * @param current the current histogram
   * @return the result
   * @throws IllegalArgumentException if the edges differ or a histogram is empty
   */
  public DriftTestResult test(BinnedHistogram reference, BinnedHistogram current) {
    return test.test(reference, current);
  }

  /**
   * The test on counts aligned by position.
   *
   * @param reference the reference counts, not negative, not all 0
   * @param current the current counts, same length
   * @return the result
   * @throws IllegalArgumentException if the lengths differ or the counts are invalid
   */
  public DriftTestResult onCounts(long[] reference, long[] current) {
    return test.onCounts(reference, current);
  }

  /** The statistic of the reference proportions {@code p} and the current {@code q}. */
  static double distance(double[] p, double[] q) {
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
