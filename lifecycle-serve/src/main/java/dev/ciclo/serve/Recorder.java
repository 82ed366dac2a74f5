package dev.ciclo.serve;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.predict.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands predictions to the prediction log when the request's consent allows it. A failing log
 * never fails a request: the failure is counted and logged.
 */
final class Recorder {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

  private final PredictionLog log;
  private final ServerMetrics metrics;

  Recorder(PredictionLog log, ServerMetrics metrics) {
    this.log = log;
    this.metrics = metrics;
  }

  <X> void record(
      ModelSlot<X> slot,
      String requestId,
      Instant time,
      String version,
      List<X> inputs,
      List<? extends Prediction<?>> predictions,
      Duration latency,
      Consent consent,
      String subjectId) {
    if (log == null) {
      return;
    }
    String labels = slot.label;
    if (!consent.allowsLogging()) {
      metrics.count("ciclo_unlogged_predictions_total", labels + ",reason=\"no_consent\"",
          predictions.size());
      return;
    }
    for (int i = 0; i < predictions.size(); i++) {
      Prediction<?> p = predictions.get(i);
      try {
        Map<String, String> fields = slot.model.logFieldsOf(inputs.get(i));
        PredictionRecord r =
            new PredictionRecord(
                predictions.size() == 1 ? requestId : requestId + "#" + i,
                time,
                slot.model.name(),
                version,
                fields,
                p.value().toString(),
                p.scores(),
                latency,
                consent,
                subjectId);
        if (log.append(r)) {
          metrics.count("ciclo_logged_predictions_total", labels, 1);
        } else {
          metrics.count(
              "ciclo_unlogged_predictions_total", labels + ",reason=\"refused\"", 1);
        }
      } catch (RuntimeException e) {
        metrics.count("ciclo_unlogged_predictions_total", labels + ",reason=\"error\"", 1);
        LOG.warn("could not log prediction {} of model {}: {}", requestId, slot.model.name(),
            e.toString());
      }
    }
  }
}
