package dev.ciclo.api.log;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Scores;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One logged prediction.
 *
 * @param requestId the request's id, not blank
 * @param time when the request arrived
 * @param modelName the answering model's name, not blank
 * @param modelVersion the answering model's version, not blank
 * @param input the input as the privacy policy keeps it (fields kept, hashed or bucketed), by
 *     field name; empty when nothing is kept
 * @param prediction the predicted value, as text
 * @param scores the scores per label, each finite
 * @param latency how long the prediction took, not negative
 * @param consent what the requester allowed; never {@link Consent#NONE} in a stored record
 * @param subjectId whose data it is, for erasure; empty when unknown
 */
public record PredictionRecord(
    String requestId,
    Instant time,
    String modelName,
    String modelVersion,
    Map<String, String> input,
    String prediction,
    Map<String, Double> scores,
    Duration latency,
    Consent consent,
    String subjectId) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public PredictionRecord {
    Checks.notBlank(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Checks.notBlank(modelName, "modelName");
    Checks.notBlank(modelVersion, "modelVersion");
    input = Map.copyOf(input);
    Objects.requireNonNull(prediction, "prediction");
    // Scores are immutable and were checked when made: this runs for every logged prediction.
    scores = scores instanceof Scores ? scores : Checks.finiteValues(scores, "scores");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative but was " + latency);
    }
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(subjectId, "subjectId");
  }
}
