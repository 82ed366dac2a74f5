package dev.ciclo.api.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gives predictions for inputs: a trained model in-process, a model behind an HTTP server, or a
 * host's own function, all with the same answers.
 *
 * <p>Implementations must be thread-safe: many threads may call {@link #predict} at once, and
 * each answer depends only on the input.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public interface Predictor<X, Y> {
  /**
   * Predicts for one input.
   *
   * @param input the input, not null
   * @return the prediction, never null
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the input is not one the model can take
   * @throws dev.ciclo.api.CicloException if the prediction fails for a reason outside the caller
   *     (a remote server down)
   */
  Prediction<Y> predict(X input);

  /**
   * Predicts for several inputs.
   *
   * <p>The default calls {@link #predict} for each input in order; implementations override it
   * where a batch is cheaper. The answers equal those of {@link #predict}.
   *
   * @param inputs the inputs, none null
   * @return one prediction per input, in the same order
   * @throws NullPointerException if the list or an input is null
   * @throws IllegalArgumentException if an input is not one the model can take
   */
  default List<Prediction<Y>> predictBatch(List<? extends X> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    List<Prediction<Y>> out = new ArrayList<>(inputs.size());
    for (X input : inputs) {
      out.add(predict(Objects.requireNonNull(input, "inputs element")));
    }
    return out;
  }

  /**
   * What model answers.
   *
   * @return the metadata, never null
   */
  ModelMetadata metadata();
}
