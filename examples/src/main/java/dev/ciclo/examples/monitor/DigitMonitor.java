package dev.ciclo.examples.monitor;

import dev.ciclo.api.log.Signal;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.speech.SpeechSignals;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sets up a {@link LogMonitor} for spoken-digit predictions: the {@link SpeechSignals} fields,
 * the predicted digits' shares and the confidence, each against what the model did on reference
 * clips from the world it was deployed into.
 */
public final class DigitMonitor {
  /** The alert subjects this monitor can raise for the input fields. */
  public static final List<String> FIELDS = SpeechSignals.FIELDS;

  private DigitMonitor() {}

  /**
   * Builds the monitor.
   *
   * @param name the monitor's name
   * @param log the prediction log to read
   * @param model the served model, to compute reference predictions and confidences
   * @param reference reference clips from the deployment's world, at least 30
   * @param clock the clock that says which records have arrived
   * @param start the first instant to read
   * @param windowRecords records per window
   * @return the monitor
   * @throws IllegalArgumentException if fewer than 30 reference clips are given
   */
  public static LogMonitor build(String name, PredictionLog log,
      Predictor<AudioClip, String> model, List<AudioClip> reference, InstantSource clock,
      Instant start, int windowRecords) {
    Objects.requireNonNull(model, "model");
    if (reference.size() < 30) {
      throw new IllegalArgumentException("reference must hold at least 30 clips but held "
          + reference.size());
    }
    int n = reference.size();
    double[][] fields = new double[FIELDS.size()][n];
    double[] confidence = new double[n];
    Map<String, Long> predicted = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      AudioClip c = reference.get(i);
      Map<String, Signal> f = SpeechSignals.signals(c);
      for (int k = 0; k < FIELDS.size(); k++) {
        fields[k][i] = ((Signal.Numeric) f.get(FIELDS.get(k))).value();
      }
      Prediction<String> p = model.predict(c);
      predicted.merge(p.value(), 1L, Long::sum);
      confidence[i] = maxScore(p);
    }
    for (int d = 0; d < 10; d++) {
      predicted.putIfAbsent(Integer.toString(d), 0L);
    }
    var b = LogMonitor.builder(name, log).clock(clock).start(start).windowByCount(windowRecords)
        .predictions(predicted).confidence(confidence);
    for (int k = 0; k < FIELDS.size(); k++) {
      b.numericFeature(FIELDS.get(k), fields[k]);
    }
    return b.build();
  }

  static double maxScore(Prediction<String> p) {
    return p.scores().values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
  }
}
