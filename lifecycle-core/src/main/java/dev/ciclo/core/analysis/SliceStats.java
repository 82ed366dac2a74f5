package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.Interval;
import dev.ciclo.api.analysis.SliceMetrics;
import java.util.Comparator;

/** Wilson intervals for error rates and the ranking of slices. */
final class SliceStats {
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
    return inverseNormal((1 + level) / 2);
  }

  /** Acklam's rational approximation of the normal quantile (relative error below 1.2e-9). */
  static double inverseNormal(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be between 0 and 1 (exclusive) but was " + p);
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  static double checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "level must be between 0 and 1 (exclusive) but was " + level);
    }
    return level;
  }

  /** {@code value} if at least {@code min}; the builders of this package check counts with it. */
  static int checkAtLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
    }
    return value;
  }

  /** {@code value} if in {@code [min, max]}; the builders of this package check counts with it. */
  static int checkBetween(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }
}
