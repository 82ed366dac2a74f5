package dev.ciclo.serve;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.predict.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands predictions to the prediction log as the request's consent allows: the model's declared
 * signals always, the raw input as it arrived (WAV bytes, a tensor row) under training consent.
 * A failing log never fails a request: the failure is counted
 * ({@code ciclo_unlogged_predictions_total} with the reason) and logged.
 */
final class Recorder {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final String UNLOGGED = "ciclo_unlogged_predictions_total";

  private final PredictionLog log;
  private final ServerMetrics metrics;

  Recorder(PredictionLog log, ServerMetrics metrics) {
    this.log = log;
    this.metrics = metrics;
  }

  /** Whether {@link #record} would write to the log for this consent (else it only counts). */
  boolean writes(Consent consent) {
    return log != null && consent.allowsLogging();
  }

  <X> void record(
      ModelSlot<X> slot,
      String requestId,
      Instant time,
      String version,
      List<X> inputs,
      IntFunction<Payload> raw,
      List<? extends Prediction<?>> predictions,
      Duration latency,
      Consent consent,
      String subjectId) {
    if (log == null) {
      return;
    }
    String labels = slot.label;
    if (!consent.allowsLogging()) {
      metrics.count(UNLOGGED, labels + ",reason=\"no_consent\"", predictions.size());
      return;
    }
    for (int i = 0; i < predictions.size(); i++) {
      Prediction<?> p = predictions.get(i);
      AppendOutcome outcome;
      try {
        Map<String, Signal> signals = slot.model.signalsOf(inputs.get(i));
        PredictionRecord r = PredictionRecord.of(
            predictions.size() == 1 ? requestId : requestId + "#" + i,
            time, slot.model.name(), version, signals, p.value().toString(), p.scores(),
            latency, consent, subjectId);
        if (consent.allowsTraining() && raw != null) {
          Payload payload;
          try {
            payload = raw.apply(i);
          } catch (IllegalArgumentException e) {
            LOG.debug("request {} has no valid media type: {}", requestId, e.getMessage());
            payload = null;
          }
          outcome = payload == null ? AppendOutcome.UNKNOWN_MEDIA_TYPE : log.append(r, payload);
        } else {
          outcome = log.append(r) ? AppendOutcome.LOGGED : AppendOutcome.NO_CONSENT;
        }
      } catch (RuntimeException e) {
        metrics.count(UNLOGGED, labels + ",reason=\"error\"", 1);
        LOG.warn("could not log prediction {} of model {}: {}", requestId, slot.model.name(),
            e.toString());
        continue;
      }
      if (outcome.logged()) {
        metrics.count("ciclo_logged_predictions_total", labels, 1);
      } else {
        metrics.count(UNLOGGED, labels + ",reason=\"" + outcome.name().toLowerCase(Locale.ROOT)
            + "\"", 1);
      }
    }
  }
}
