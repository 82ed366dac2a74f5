package dev.ciclo.monitor.batch;

import dev.ciclo.api.monitor.DriftTest;
import java.util.Map;

/**
 * The automatic choice of a test by column type and reference size, as Evidently makes it: with
 * at most 1,000 reference values, a statistical test (Kolmogorov-Smirnov for numbers,
 * chi-square for categories) at {@code p < 0.05}; with more, a distance (normed Wasserstein for
 * numbers, Jensen-Shannon for categories) at 0.1, because on big samples p-values flag shifts
 * too small to matter (the false alarms users of p-value tests complain about).
 *
 * <p>Thread-safe.
 */
public final class TestSelection {
  /** Largest reference size that still gets a statistical test. */
  public static final long MAX_REFERENCE_FOR_P_VALUE = 1_000;

  private TestSelection() {}

  /**
   * The test for a numeric column.
   *
   * @param referenceSize how many reference values, not negative
   * @return Kolmogorov-Smirnov up to 1,000 reference values, else normed Wasserstein
   * @throws IllegalArgumentException if the size is negative
   */
  public static DriftTest<double[]> numeric(long referenceSize) {
    check(referenceSize);
    return referenceSize <= MAX_REFERENCE_FOR_P_VALUE
        ? KolmogorovSmirnov.create()
        : Wasserstein.create();
  }

  /**
   * The test for a categorical column.
   *
   * @param referenceSize how many reference values, not negative
   * @return chi-square up to 1,000 reference values, else Jensen-Shannon
   * @throws IllegalArgumentException if the size is negative
   */
  public static DriftTest<Map<String, Long>> categorical(long referenceSize) {
    check(referenceSize);
    return referenceSize <= MAX_REFERENCE_FOR_P_VALUE
        ? ChiSquare.create()
        : JensenShannon.create().categorical();
  }

  private static void check(long referenceSize) {
    if (referenceSize < 0) {
      throw new IllegalArgumentException(
          "referenceSize must not be negative but was " + referenceSize);
    }
  }
}
