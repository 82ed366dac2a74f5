package dev.ciclo.api.log;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Scores;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One logged prediction: what was answered, by which model, the typed monitoring signals derived
 * from the input, and (under training consent only) a reference to the raw input in the log's
 * payload store.
 *
 * @param requestId the request's id, not blank
 * @param time when the request arrived
 * @param modelName the answering model's name, not blank
 * @param modelVersion the answering model's version, not blank
 * @param input the raw input x in the log's payload store; present only when the consent is
 *     {@link Consent#TRAINING} and the log stored it ({@link PredictionLog#payload} reads it)
 * @param signals the monitoring signals derived from x by the served model's signal function, by
 *     name, in the order given; empty when the model declares none
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
    Optional<PayloadRef> input,
    Map<String, Signal> signals,
    String prediction,
    Map<String, Double> scores,
    Duration latency,
    Consent consent,
    String subjectId) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument, a signal name or a signal is null
   * @throws IllegalArgumentException if a value is out of range, or an input is referenced
   *     without training consent
   */
  public PredictionRecord {
    Checks.notBlank(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Checks.notBlank(modelName, "modelName");
    Checks.notBlank(modelVersion, "modelVersion");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(signals, "signals");
    Map<String, Signal> copy = new LinkedHashMap<>();
    signals.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "signal name"),
        Objects.requireNonNull(v, "signal " + k)));
    signals = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(prediction, "prediction");
    // Scores are immutable and were checked when made: this runs for every logged prediction.
    scores = scores instanceof Scores ? scores : Checks.finiteValues(scores, "scores");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative but was " + latency);
    }
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(subjectId, "subjectId");
    if (input.isPresent() && !consent.allowsTraining()) {
      throw new IllegalArgumentException("input of request " + requestId
          + " may be kept only under TRAINING consent but consent was " + consent);
    }
  }

  /**
   * A record with no raw input.
   *
   * @param requestId the request's id, not blank
   * @param time when the request arrived
   * @param modelName the answering model's name
   * @param modelVersion the answering model's version
   * @param signals the monitoring signals
   * @param prediction the predicted value, as text
   * @param scores the scores per label
   * @param latency how long the prediction took
   * @param consent what the requester allowed
   * @param subjectId whose data it is; empty when unknown
   * @return the record
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static PredictionRecord of(String requestId, Instant time, String modelName,
      String modelVersion, Map<String, Signal> signals, String prediction,
      Map<String, Double> scores, Duration latency, Consent consent, String subjectId) {
    return new PredictionRecord(requestId, time, modelName, modelVersion, Optional.empty(),
        signals, prediction, scores, latency, consent, subjectId);
  }

  /**
   * This record with another input reference (a log sets it when it stores the payload).
   *
   * @param ref the reference, or empty
   * @return the copy
   * @throws IllegalArgumentException if a reference is given without training consent
   */
  public PredictionRecord withInput(Optional<PayloadRef> ref) {
    return new PredictionRecord(requestId, time, modelName, modelVersion, ref, signals,
        prediction, scores, latency, consent, subjectId);
  }

  /**
   * This record with other signals (a log's privacy policy applies to them).
   *
   * @param newSignals the signals
   * @return the copy
   */
  public PredictionRecord withSignals(Map<String, Signal> newSignals) {
    return new PredictionRecord(requestId, time, modelName, modelVersion, input, newSignals,
        prediction, scores, latency, consent, subjectId);
  }
}
