package dev.ciclo.api.train;

import dev.ciclo.api.data.Dataset;
import java.util.Map;

/**
 * Trains a model from a dataset.
 *
 * <p>Training is deterministic: the same data and seed give the same model and the same
 * predictions. A trainer may be used for several runs; implementations must be thread-safe or
 * say they are not.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public interface Trainer<X, Y> {
  /**
   * Trains a model.
   *
   * @param data the training data, not empty
   * @param seed the seed of every random choice the trainer makes
   * @return the trained model
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code data} is empty or cannot be trained on (for a
   *     classifier, a single class)
   */
  Model<X, Y> train(Dataset<X, Y> data, long seed);

  /**
   * A short name of the algorithm (for example {@code "logistic-regression"}).
   *
   * @return the name, never blank
   */
  String name();

  /**
   * The hyperparameters, as text, for run records; equal parameters and seed reproduce the run.
   *
   * @return an unmodifiable map, never null
   */
  Map<String, String> parameters();
}
