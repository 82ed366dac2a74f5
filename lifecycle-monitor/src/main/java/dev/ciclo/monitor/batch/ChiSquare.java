package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square test of homogeneity on a 2 x k table (reference counts and current
 * counts by category), as SciPy's {@code chi2_contingency} computes it, with Yates' continuity
 * correction when there is one degree of freedom.
 *
 * <p>Categories that appear in only one sample, such as a category never seen in the reference,
 * are handled: they enter the table with a zero count on the other side. (A goodness-of-fit test
 * against reference proportions, as some tools run, divides by an expected count of zero there
 * and fails or returns infinity.) Categories with zero counts in both are dropped; with a single
 * category left the statistic is 0 and the p-value 1.
 *
 * <p>Default: drift when {@code p < 0.05}. Stateless and thread-safe.
 */
public final class ChiSquare implements DriftTest<Map<String, Long>> {
  private final double alpha;

  private ChiSquare(double alpha) {
    this.alpha = alpha;
  }

  /**
   * The test at {@code alpha = 0.05}.
   *
   * @return the test
   */
  public static ChiSquare create() {
    return new ChiSquare(0.05);
  }

  /**
   * The test at the given significance level.
   *
   * @param alpha drift when the p-value is below it, in {@code (0, 1)}; default 0.05
   * @return the test
   * @throws IllegalArgumentException if {@code alpha} is outside {@code (0, 1)}
   */
  public static ChiSquare create(double alpha) {
    return new ChiSquare(Checks.open01(alpha, "alpha"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a sample has no counts or a negative count
   */
  @Override
  public DriftTestResult test(Map<String, Long> reference, Map<String, Long> current) {
    String[] cats = Samples.categories(reference, current);
    return onCounts(Samples.aligned(reference, cats), Samples.aligned(current, cats));
  }

  /**
   * The test on counts aligned by position (bins or categories).
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
    Samples.checkCounts(reference, "reference");
    Samples.checkCounts(current, "current");
    int k = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] + current[i] > 0) {
        k++;
      }
    }
    if (k <= 1) {
      return new DriftTestResult("chi-square", 0, OptionalDouble.of(1.0), alpha, false);
    }
    double r = 0;
    double c = 0;
    for (int i = 0; i < reference.length; i++) {
      r += reference[i];
      c += current[i];
    }
    double total = r + c;
    int dof = k - 1;
    double stat = 0;
    for (int i = 0; i < reference.length; i++) {
      double col = reference[i] + current[i];
      if (col == 0) {
        continue;
      }
      stat += term(reference[i], r * col / total, dof) + term(current[i], c * col / total, dof);
    }
    // the upper tail Q(dof/2, stat/2) directly (commons-math3), not 1 - CDF: small p-values
    // keep their digits
    double p = stat <= 0 ? 1.0 : Gamma.regularizedGammaQ(dof / 2.0, stat / 2);
    return new DriftTestResult("chi-square", stat, OptionalDouble.of(p), alpha, p < alpha);
  }

  private static double term(double observed, double expected, int dof) {
    double diff = expected - observed;
    if (dof == 1) {
      observed += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
      diff = expected - observed;
    }
    return diff * diff / expected;
  }

  @Override
  public String name() {
    return "chi-square(alpha=" + alpha + ")";
  }
}
