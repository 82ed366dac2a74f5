package dev.ciclo.core.train;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures a model on the dev set after each epoch. Metric names start with {@code "dev."}.
 *
 * <p>Implementations must be thread-safe and return only finite values.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
@FunctionalInterface
public interface DevMetrics<X, Y> {
  /**
   * Measures a model.
   *
   * @param model the model of the epoch
   * @param dev the dev set, not empty
   * @return metrics by name, each finite
   */
  Map<String, Double> measure(Model<X, Y> model, Dataset<X, Y> dev);

  /**
   * The share of dev examples whose predicted value equals the target, as
   * {@code "dev.accuracy"}; predicted in one batch.
   *
   * @param <X> the input type
   * @param <Y> the target type
   * @return the metric
   */
  static <X, Y> DevMetrics<X, Y> accuracy() {
    return (model, dev) -> {
      List<X> inputs = new ArrayList<>(dev.size());
      for (Example<X, Y> e : dev) {
        inputs.add(e.input());
      }
      List<Prediction<Y>> p = model.predictBatch(inputs);
      int correct = 0;
      for (int i = 0; i < p.size(); i++) {
        if (p.get(i).value().equals(dev.get(i).target())) {
          correct++;
        }
      }
      return Map.of("dev.accuracy", correct / (double) dev.size());
    };
  }
}
