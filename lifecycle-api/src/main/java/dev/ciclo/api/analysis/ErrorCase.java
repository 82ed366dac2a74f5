package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;
import java.util.Map;
import java.util.Set;

/**
 * One wrong prediction, for a person to look at.
 *
 * @param exampleId the example's id, not blank
 * @param actual the true target, as text
 * @param predicted the predicted value, as text
 * @param confidence the model's score for its (wrong) prediction, in {@code [0, 1]}; 1 when the
 *     model gives no scores
 * @param tags the example's tags
 * @param metadata the example's metadata
 */
public record ErrorCase(
    String exampleId,
    String actual,
    String predicted,
    double confidence,
    Set<String> tags,
    Map<String, String> metadata) {
  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public ErrorCase {
    Checks.notBlank(exampleId, "exampleId");
    java.util.Objects.requireNonNull(actual, "actual");
    java.util.Objects.requireNonNull(predicted, "predicted");
    Checks.between(confidence, 0, 1, "confidence");
    tags = Set.copyOf(tags);
    metadata = Map.copyOf(metadata);
  }
}
