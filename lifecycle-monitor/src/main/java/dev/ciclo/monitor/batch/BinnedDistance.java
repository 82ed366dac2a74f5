package dev.ciclo.monitor.batch;

import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.Args;
import dev.ciclo.monitor.sketch.BinnedHistogram;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The binning and result plumbing shared by the proportion-based tests ({@link JensenShannon},
 * {@link PopulationStability}): numeric samples are binned at the reference's quantiles,
 * categories are aligned, and the statistic on the two count vectors is compared with the
 * threshold. Only the statistic differs between the tests. Stateless and thread-safe.
 */
final class BinnedDistance {
  /** A statistic of the reference and current proportions (same length, each summing to 1). */
  @FunctionalInterface
  interface Statistic {
    double of(double[] reference, double[] current);
  }

  private final String name;
  private final double threshold;
  private final int bins;
  private final Statistic statistic;

  BinnedDistance(String name, double threshold, int bins, Statistic statistic) {
    this.name = name;
    this.threshold = threshold;
    this.bins = bins;
    this.statistic = statistic;
  }

  DriftTest<double[]> numeric() {
    return new DriftTest<>() {
      @Override
      public DriftTestResult test(double[] reference, double[] current) {
        BinnedHistogram ref = BinnedHistogram.fromReference(reference, bins);
        BinnedHistogram cur = ref.emptyCopy();
        cur.addAll(Args.finiteSample(current, "current"));
        return BinnedDistance.this.test(ref, cur);
      }

      @Override
      public String name() {
        return name + "(threshold=" + threshold + ", bins=" + bins + ")";
      }
    };
  }

  DriftTest<Map<String, Long>> categorical() {
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

  DriftTestResult test(BinnedHistogram reference, BinnedHistogram current) {
    // merging into a copy checks that the edges agree
    BinnedHistogram check = reference.emptyCopy();
    check.merge(current);
    return onCounts(reference.counts(), current.counts());
  }

  DriftTestResult onCounts(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("current must have " + reference.length
          + " counts (as the reference) but had " + current.length);
    }
    double[] p = Samples.proportions(Samples.checkCounts(reference, "reference"));
    double[] q = Samples.proportions(Samples.checkCounts(current, "current"));
    double d = statistic.of(p, q);
    return new DriftTestResult(name, d, OptionalDouble.empty(), threshold, d >= threshold);
  }
}
