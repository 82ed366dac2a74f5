package dev.ciclo.api.analysis;

import java.util.List;

/**
 * Train and dev error against training-set size.
 *
 * @param points the points, by increasing training size; at least one
 */
public record LearningCurve(List<LearningCurvePoint> points) {
  /**
   * Checks and copies the points.
   *
   * @throws IllegalArgumentException if there is no point or the sizes do not increase
   */
  public LearningCurve {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a learning curve needs at least one point");
    }
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).trainingSize() <= points.get(i - 1).trainingSize()) {
        throw new IllegalArgumentException(
            "training sizes must increase but point " + i + " has "
                + points.get(i).trainingSize() + " after " + points.get(i - 1).trainingSize());
      }
    }
  }
}
