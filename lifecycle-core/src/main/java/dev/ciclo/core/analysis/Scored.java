package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.ErrorCase;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A dataset with one prediction per example and which of them are wrong (labels compared by
 * {@code toString()}).
 */
final class Scored<X, Y> {
  final Dataset<X, Y> data;
  final List<Prediction<Y>> predictions;
  final boolean[] wrong;
  final int errors;

  private Scored(Dataset<X, Y> data, List<Prediction<Y>> predictions) {
    this.data = data;
    this.predictions = predictions;
    int n = data.size();
    wrong = new boolean[n];
    int e = 0;
    for (int i = 0; i < n; i++) {
      Object value = predictions.get(i).value();
      Object target = data.get(i).target();
      boolean right = value.equals(target) || value.toString().equals(target.toString());
      wrong[i] = !right;
      if (!right) {
        e++;
      }
    }
    errors = e;
  }

  static <X, Y> Scored<X, Y> of(Dataset<X, Y> data, List<Prediction<Y>> predictions) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(predictions, "predictions");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("cannot analyse dataset " + data.name() + ": it is empty");
    }
    if (predictions.size() != data.size()) {
      throw new IllegalArgumentException("predictions must have one element per example ("
          + data.size() + ") but had " + predictions.size());
    }
    for (int i = 0; i < predictions.size(); i++) {
      Objects.requireNonNull(predictions.get(i), "prediction " + i);
    }
    return new Scored<>(data, predictions);
  }

  static <X, Y> Scored<X, Y> predict(Predictor<X, Y> predictor, Dataset<X, Y> data) {
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(data, "data");
    List<X> inputs = new ArrayList<>(data.size());
    for (Example<X, Y> e : data) {
      inputs.add(e.input());
    }
    return of(data, predictor.predictBatch(inputs));
  }

  int size() {
    return wrong.length;
  }

  double errorRate() {
    return (double) errors / wrong.length;
  }

  /** The score of the predicted label, clamped to [0, 1]; 1 when the model gives no scores. */
  double confidence(int i) {
    OptionalDouble c = predictions.get(i).confidence();
    return c.isPresent() ? Math.max(0, Math.min(1, c.getAsDouble())) : 1.0;
  }

  /** The error case of example i; its metadata gains a {@code group} entry if it has none. */
  ErrorCase errorCase(int i) {
    Example<X, Y> e = data.get(i);
    Map<String, String> meta = new LinkedHashMap<>(e.metadata());
    meta.putIfAbsent("group", e.group());
    return new ErrorCase(e.id(), e.target().toString(), predictions.get(i).value().toString(),
        confidence(i), e.tags(), meta);
  }
}
