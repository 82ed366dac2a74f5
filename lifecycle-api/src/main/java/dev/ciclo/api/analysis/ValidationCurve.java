package dev.ciclo.api.analysis;

import java.util.List;
import java.util.Objects;

/**
 * Train and dev error against the values of one hyperparameter.
 *
 * @param parameter the hyperparameter's name, not blank
 * @param points one point per value, in the order the values were given; at least one
 */
public record ValidationCurve(String parameter, List<ValidationCurvePoint> points) {
  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if the name is blank or there is no point
   */
  public ValidationCurve {
    Objects.requireNonNull(parameter, "parameter");
    if (parameter.isBlank()) {
      throw new IllegalArgumentException("parameter must not be blank");
    }
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a validation curve needs at least one point");
    }
  }

  /**
   * The point with the lowest mean dev error (the first such point on ties).
   *
   * @return the best point
   */
  public ValidationCurvePoint best() {
    ValidationCurvePoint best = points.get(0);
    for (ValidationCurvePoint p : points) {
      if (p.devErrorMean() < best.devErrorMean()) {
        best = p;
      }
    }
    return best;
  }
}
