package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftTest;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.KsDistribution;
import dev.ciclo.monitor.sketch.QuantileSketch;
import java.util.OptionalDouble;

/**
 * The two-sample Kolmogorov-Smirnov test: the statistic is the largest gap between the two
 * empirical distribution functions; the two-sided p-value is computed as SciPy's
 * {@code ks_2samp(method="auto")} does (exact lattice-path probability when both samples hold at
 * most 10,000 values, else {@code kstwo.sf(d, round(n*m/(n+m)))}).
 *
 * <p>Default: drift when {@code p < 0.05} (Evidently's default). On big samples every tiny
 * shift becomes significant; {@link TestSelection} therefore switches to a distance above 1,000
 * reference values. Costs two sorts ({@code O(n log n)}).
 *
 * <p>Stateless and thread-safe.
 */
public final class KolmogorovSmirnov implements DriftTest<double[]> {
  /** Stand-in sample size when comparing compacted sketches. */
  private static final int SKETCH_POINTS = 4096;

  private final double alpha;

  private KolmogorovSmirnov(double alpha) {
    this.alpha = alpha;
  }

  /**
   * The test at {@code alpha = 0.05}.
   *
   * @return the test
   */
  public static KolmogorovSmirnov create() {
    return new KolmogorovSmirnov(0.05);
  }

  /**
   * The test at the given significance level.
   *
   * @param alpha drift when the p-value is below it, in {@code (0, 1)}; default 0.05
   * @return the test
   * @throws IllegalArgumentException if {@code alpha} is outside {@code (0, 1)}
   */
  public static KolmogorovSmirnov create(double alpha) {
    return new KolmogorovSmirnov(Checks.open01(alpha, "alpha"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a sample is empty or holds NaN or an infinity
   */
  @Override
  public DriftTestResult test(double[] reference, double[] current) {
    double[] a = Samples.sortedCopy(reference, "reference");
    double[] b = Samples.sortedCopy(current, "current");
    return onSorted(a, b, a.length, b.length);
  }

  /**
   * Compares two sketches. While both are exact this is the exact test; once compacted, the
   * statistic comes from 4,096 quantiles of each (error about the sketches' rank error plus
   * 1/4,096) and the p-value uses the true counts.
   *
   * @param reference the reference sketch, not empty
   * @param current the current sketch, not empty
   * @return the result
   * @throws IllegalArgumentException if a sketch is empty
   */
  public DriftTestResult test(QuantileSketch reference, QuantileSketch current) {
    if (reference.count() == 0 || current.count() == 0) {
      throw new IllegalArgumentException("reference and current sketches must not be empty but "
          + "held " + reference.count() + " and " + current.count() + " values");
    }
    return onSorted(
        reference.representative(SKETCH_POINTS),
        current.representative(SKETCH_POINTS),
        reference.count(),
        current.count());
  }

  private DriftTestResult onSorted(double[] a, double[] b, long n, long m) {
    double d = (double) Samples.ksMaxDiff(a, b) / ((double) a.length * b.length);
    double p = KsDistribution.pValue(n, m, d);
    return new DriftTestResult("ks", d, OptionalDouble.of(p), alpha, p < alpha);
  }

  @Override
  public String name() {
    return "ks(alpha=" + alpha + ")";
  }
}
