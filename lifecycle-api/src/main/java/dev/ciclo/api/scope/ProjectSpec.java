package dev.ciclo.api.scope;

import dev.ciclo.api.internal.Checks;
import java.util.Objects;

/**
 * What a project is for and how it will be judged: the first step of the cycle.
 *
 * <p>Errors here are fractions in {@code [0, 1]} (for classification, {@code 1 - accuracy}) or,
 * for regression, non-negative numbers in the target's unit; lower is better. The baseline is the
 * error of human-level performance or of a previous system, and is what avoidable bias is
 * measured against.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a short name for the project, not blank
 * @param task one sentence that says what is predicted from what, not blank
 * @param taskType classification or regression
 * @param metric the name of the metric that decides (for example {@code "accuracy"}), not blank
 * @param targetError the error the project must reach to be good enough, not negative
 * @param baselineName what the baseline is (for example {@code "human-level"}), not blank
 * @param baselineError the baseline's error, not negative
 */
public record ProjectSpec(
    String name,
    String task,
    TaskType taskType,
    String metric,
    double targetError,
    String baselineName,
    double baselineError) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if a text or the task type is null
   * @throws IllegalArgumentException if a text is blank, or an error is negative, NaN or
   *     infinite, or above 1 for classification
   */
  public ProjectSpec {
    Checks.notBlank(name, "name");
    Checks.notBlank(task, "task");
    Objects.requireNonNull(taskType, "taskType");
    Checks.notBlank(metric, "metric");
    Checks.notBlank(baselineName, "baselineName");
    if (taskType == TaskType.CLASSIFICATION) {
      Checks.between(targetError, 0, 1, "targetError");
      Checks.between(baselineError, 0, 1, "baselineError");
    } else {
      Checks.notNegative(targetError, "targetError");
      Checks.notNegative(baselineError, "baselineError");
    }
  }
}
