package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;

/**
 * Precision, recall and F1 of one class.
 *
 * @param label the class label, not blank
 * @param precision in {@code [0, 1]}; 0 when the class was never predicted
 * @param recall in {@code [0, 1]}; 0 when the class never occurred
 * @param f1 in {@code [0, 1]}
 * @param support how many examples of the class there were, not negative
 */
public record ClassMetrics(String label, double precision, double recall, double f1, long support) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of its range
   */
  public ClassMetrics {
    Checks.notBlank(label, "label");
    Checks.between(precision, 0, 1, "precision");
    Checks.between(recall, 0, 1, "recall");
    Checks.between(f1, 0, 1, "f1");
    Checks.notNegative(support, "support");
  }
}
