package dev.ciclo.monitor.batch;

import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.Args;
import dev.ciclo.monitor.sketch.BinnedHistogram;
import java.util.Map;
import java.util.OptionalDouble;

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
  private final double threshold;
  private final int bins;

  private JensenShannon(double threshold, int bins) {
    this.threshold = threshold;
    this.bins = bins;
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
    return new DriftTest<>() {
      @Override
      public DriftTestResult test(double[] reference, double[] current) {
        BinnedHistogram ref = BinnedHistogram.fromReference(reference, bins);
        BinnedHistogram cur = ref.emptyCopy();
        cur.addAll(Args.finiteSample(current, "current"));
        return JensenShannon.this.test(ref, cur);
      }

      @Override
      public String name() {
        return "jensen-shannon(threshold=" + threshold + ", bins=" + bins + ")";
      }
    };
  }

  /**
   * The test on counts by category.
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
        return "jensen-shannon(threshold=" + threshold + ")";
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
    double d = distance(reference, current);
    return new DriftTestResult(
        "jensen-shannon", d, OptionalDouble.empty(), threshold, d >= threshold);
  }

  static double distance(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("current must have " + reference.length
          + " counts (as the reference) but had " + current.length);
    }
    double[] p = Samples.proportions(Samples.checkCounts(reference, "reference"));
    double[] q = Samples.proportions(Samples.checkCounts(current, "current"));
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
