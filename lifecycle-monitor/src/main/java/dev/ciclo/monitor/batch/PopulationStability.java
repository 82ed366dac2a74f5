package dev.ciclo.monitor.batch;

import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.Args;
import dev.ciclo.monitor.sketch.BinnedHistogram;
import java.util.Map;

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
public final class PopulationStability {
  static final double EMPTY_BIN = 1e-4;

  private final BinnedDistance test;

  private PopulationStability(double threshold, int bins) {
    this.test = new BinnedDistance("psi", threshold, bins, PopulationStability::index);
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
        Args.positive(threshold, "threshold"), Args.atLeast(bins, 2, "bins"));
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
   * The test on counts by category; categories missing on one side count as empty bins.
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
  static double index(double[] p, double[] q) {
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] == 0 ? EMPTY_BIN : p[i];
      double b = q[i] == 0 ? EMPTY_BIN : q[i];
      psi += (b - a) * Math.log(b / a);
    }
    return psi;
  }
}
