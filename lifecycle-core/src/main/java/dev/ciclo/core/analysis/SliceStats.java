package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.Interval;
import dev.ciclo.api.analysis.SliceMetrics;
import java.util.Comparator;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Wilson intervals for error rates and the ranking of slices. */
final class SliceStats {
  // No random generator: only quantiles are asked of it, never samples.
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private SliceStats() {}

  /**
   * Slices by how clearly they are worse than overall: the lower bound of the error interval
   * first (a small slice with a few errors has a wide interval and a low lower bound), then the
   * lift, then the name.
   */
  static final Comparator<SliceMetrics> CLEARLY_WORSE_FIRST =
      Comparator.comparingDouble((SliceMetrics s) -> -s.interval().low())
          .thenComparingDouble(s -> -s.lift())
          .thenComparing(SliceMetrics::slice);

  static SliceMetrics slice(String name, long size, long errors, double overall, double z,
      double level) {
    double rate = (double) errors / size;
    return new SliceMetrics(name, size, rate, wilson(errors, size, z, level), rate - overall);
  }

  /** The Wilson score interval of a binomial proportion. */
  static Interval wilson(long successes, long n, double z, double level) {
    double p = (double) successes / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), level);
  }

  /** The two-sided normal quantile for a confidence level: z with P(|Z| < z) = level. */
  static double z(double level) {
    return STANDARD_NORMAL.inverseCumulativeProbability((1 + level) / 2);
  }

  static double checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "level must be between 0 and 1 (exclusive) but was " + level);
    }
    return level;
  }
}
