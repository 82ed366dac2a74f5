package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.sketch.BinnedHistogram;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the proportion-based tests ({@link JensenShannon}, {@link PopulationStability}) share:
 * numeric samples are binned at the reference's quantiles, categories are aligned, the counts are
 * checked and turned into proportions, and the statistic is compared with the threshold. Only the
 * statistic differs between the tests. There is no p-value.
 *
 * <p>Stateless and thread-safe.
 */
abstract class BinnedDistance {
  private final String name;
  private final double threshold;
  private final int bins;

  BinnedDistance(String name, double threshold, int bins) {
    this.name = name;
    this.threshold = threshold;
    this.bins = bins;
  }

  /**
   * The statistic of the reference proportions {@code p} and the current {@code q}.
   *
   * @param p the reference proportions, summing to 1
   * @param q the current proportions, same length, summing to 1
   * @return the statistic; drift when it is at least the threshold
   */
  abstract double statistic(double[] p, double[] q);

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
        cur.addAll(Checks.finiteSample(current, "current"));
        return BinnedDistance.this.test(ref, cur);
      }

      @Override
      public String name() {
        return name + "(threshold=" + threshold + ", bins=" + bins + ")";
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
        return name + "(threshold=" + threshold + ")";
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
    // merging into a copy checks that the edges agree
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
    if (reference.length != current.length) {
      throw new IllegalArgumentException("current must have " + reference.length
          + " counts (as the reference) but had " + current.length);
    }
    double[] p = Samples.proportions(Samples.checkCounts(reference, "reference"));
    double[] q = Samples.proportions(Samples.checkCounts(current, "current"));
    double d = statistic(p, q);
    return new DriftTestResult(name, d, OptionalDouble.empty(), threshold, d >= threshold);
  }
}
