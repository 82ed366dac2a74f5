package dev.ciclo.monitor.batch;

import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.Args;
import dev.ciclo.monitor.sketch.BinnedHistogram;
import java.util.Map;
import java.util.OptionalDouble;

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

  private final double threshold;
  private final int bins;

  private PopulationStability(double threshold, int bins) {
    this.threshold = threshold;
    this.bins = bins;
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
    return new DriftTest<>() {
      @Override
      public DriftTestResult test(double[] reference, double[] current) {
        BinnedHistogram ref = BinnedHistogram.fromReference(reference, bins);
        BinnedHistogram cur = ref.emptyCopy();
        cur.addAll(Args.finiteSample(current, "current"));
        return PopulationStability.this.test(ref, cur);
      }

      @Override
      public String name() {
        return "psi(threshold=" + threshold + ", bins=" + bins + ")";
      }
    };
  }

  /**
   * The test on counts by category; categories missing on one side count as empty bins.
   *
   * @return a test of count maps
   */
  public DriftTest<Map<String, Long>> categorical() {
    return new DriftTest<>() {
      @Override
      public DriftTestResult test(Map<String, Long> reference, Map<String, Long> current) {
        String[] cats = Samples.categories(reference, current);
        return onCounts(Samples.aligned(reference, cats), Samples.aligned(current, cats));
      }

      @Override
      public String name() {
        return "psi(threshold=" + threshold + ")";
      }
    };
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
    BinnedHistogram check = reference.emptyCopy();
    check.merge(current);
    return onCounts(reference.counts(), current.counts());
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
    double psi = index(reference, current);
    return new DriftTestResult("psi", psi, OptionalDouble.empty(), threshold, psi >= threshold);
  }

  static double index(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("current must have " + reference.length
          + " counts (as the reference) but had " + current.length);
    }
    double[] p = Samples.proportions(Samples.checkCounts(reference, "reference"));
    double[] q = Samples.proportions(Samples.checkCounts(current, "current"));
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] == 0 ? EMPTY_BIN : p[i];
      double b = q[i] == 0 ? EMPTY_BIN : q[i];
      psi += (b - a) * Math.log(b / a);
    }
    return psi;
  }
}
