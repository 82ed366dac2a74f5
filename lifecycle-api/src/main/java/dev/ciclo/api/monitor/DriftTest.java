package dev.ciclo.api.monitor;

/**
 * A batch test of a current sample against a reference sample.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <S> the sample type ({@code double[]} for numeric tests, counts by category for
 *     categorical tests)
 */
public interface DriftTest<S> {
  /**
   * Compares two samples.
   *
   * @param reference the reference sample (training data, or an earlier window)
   * @param current the current sample
   * @return the statistic and decision
   * @throws IllegalArgumentException if a sample is empty or holds NaN
   */
  DriftTestResult test(S reference, S current);

  /**
   * The test's name and settings.
   *
   * @return the description
   */
  String name();
}
