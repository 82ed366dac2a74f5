package dev.ciclo.serve;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a challenger on a copy of live requests after the live answer is computed: its
 * predictions are counted, compared with the live ones and logged, never returned.
 */
final class Shadows {
  private static final Logger LOG = LoggerFactory.getLogger(Shadows.class);

  private final Executor executor;
  private final ServerMetrics metrics;
  private final Recorder recorder;

  Shadows(Executor executor, ServerMetrics metrics, Recorder recorder) {
    this.executor = executor;
    this.metrics = metrics;
    this.recorder = recorder;
  }

  /**
   * Runs the shadow on the request's inputs on the executor, or counts the copy as dropped if
   * the executor refuses it; the task counts predictions and agreements with the live ones and
   * records them, and counts a failure instead of throwing.
   */
  <X> void submit(
      ModelSlot<X> slot,
      Predictor<X, ?> shadow,
      String id,
      Instant arrival,
      List<X> inputs,
      IntFunction<Payload> raw,
      List<? extends Prediction<?>> livePredictions,
      Consent consent,
      String subject) {
    Runnable copy = () -> {
      long t = System.nanoTime();
      try {
        String version = shadow.metadata().version();
        List<? extends Prediction<?>> mine = shadow.predictBatch(inputs);
        Duration latency = Duration.ofNanos(System.nanoTime() - t);
        String labels = slot.versionLabel(version);
        int agree = 0;
        for (int i = 0; i < mine.size(); i++) {
          if (mine.get(i).value().equals(livePredictions.get(i).value())) {
            agree++;
          }
        }
        metrics.count("ciclo_shadow_predictions_total", labels, mine.size());
        metrics.count("ciclo_shadow_agreements_total", labels, agree);
        recorder.record(slot, id, arrival, version, inputs, raw, mine, latency, consent, subject);
      } catch (RuntimeException e) {
        metrics.count("ciclo_shadow_failures_total", slot.label, inputs.size());
        LOG.warn("shadow of model {} failed on request {}: {}", slot.model.name(), id,
            e.toString());
      }
    };
    try {
      executor.execute(copy);
    } catch (RejectedExecutionException e) {
      metrics.count("ciclo_shadow_dropped_total", slot.label, inputs.size());
    }
  }
}
