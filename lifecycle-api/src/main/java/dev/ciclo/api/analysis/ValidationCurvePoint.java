package dev.ciclo.api.analysis;

import java.util.Objects;

/**
 * Train and dev error at one value of a hyperparameter, over several seeded runs.
 *
 * @param value the hyperparameter's value, as text, not blank
 * @param repeats how many seeded runs, positive
 * @param trainErrorMean the mean training error, not negative
 * @param trainErrorStd its sample standard deviation, not negative
 * @param devErrorMean the mean dev error, not negative
 * @param devErrorStd its sample standard deviation, not negative
 */
public record ValidationCurvePoint(String value, int repeats, double trainErrorMean,
    double trainErrorStd, double devErrorMean, double devErrorStd) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public ValidationCurvePoint {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("value must not be blank");
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be positive but was " + repeats);
    }
    check(trainErrorMean, "trainErrorMean");
    check(trainErrorStd, "trainErrorStd");
    check(devErrorMean, "devErrorMean");
    check(devErrorStd, "devErrorStd");
  }

  private static void check(double v, String name) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and not negative but was " + v);
    }
  }
}
