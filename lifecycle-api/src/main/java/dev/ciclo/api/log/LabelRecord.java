package dev.ciclo.api.log;

import java.time.Instant;
import java.util.Objects;

/**
 * The true label of a logged prediction, arriving after it (a user's correction, a reviewer's
 * tag): joined with the prediction log by request id. Monitors use it to track live accuracy,
 * the maintenance loop to build training data; a {@link LabelListener} takes it.
 *
 * @param requestId the request id the prediction was logged under, not blank
 * @param label the true label, not blank
 * @param time when the label became known
 */
public record LabelRecord(String requestId, String label, Instant time) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the request id or the label is blank
   */
  public LabelRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(time, "time");
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank but was '" + requestId
          + "'");
    }
    if (label.isBlank()) {
      throw new IllegalArgumentException("label of request " + requestId
          + " must not be blank but was '" + label + "'");
    }
  }
}
