package dev.ciclo.api.monitor;

import dev.ciclo.api.internal.Checks;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The outcome of one batch drift test.
 *
 * @param test the test's name (for example {@code "ks"}), not blank
 * @param statistic the test statistic or distance, finite
 * @param pValue the p-value, in {@code [0, 1]}, for tests that have one
 * @param threshold the threshold the decision used (on the p-value where there is one, else on
 *     the statistic), finite
 * @param drifted whether the test decided the distributions differ
 */
public record DriftTestResult(
    String test, double statistic, OptionalDouble pValue, double threshold, boolean drifted) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public DriftTestResult {
    Checks.notBlank(test, "test");
    Checks.finite(statistic, "statistic");
    Objects.requireNonNull(pValue, "pValue");
    if (pValue.isPresent()) {
      Checks.between(pValue.getAsDouble(), 0, 1, "pValue");
    }
    Checks.finite(threshold, "threshold");
  }
}
