package dev.ciclo.core.train;

import dev.ciclo.api.data.Dataset;
import java.util.Map;

/**
 * A trainer that learns in mini-batches over epochs, driven by a {@link TrainingLoop}.
 *
 * <p>It makes a fresh {@link Learner} for every run; the same data and seed must give a learner
 * that, fed the same batches, ends in the same model. Implementations must be thread-safe (each
 * run has its own learner).
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public interface IterativeTrainer<X, Y> {
  /**
   * Starts a run: looks at the training data (labels, input size, feature scaling) and makes the
   * initial parameters from the seed.
   *
   * @param train the training data, not empty
   * @param seed the seed of every random choice the learner makes (initial weights, dropout)
   * @return a new learner
   * @throws IllegalArgumentException if the data cannot be trained on (empty, a single class,
   *     inputs of different sizes), naming the dataset and the problem
   */
  Learner<X, Y> start(Dataset<X, Y> train, long seed);

  /**
   * A short name of the algorithm, for run records.
   *
   * @return the name, never blank
   */
  String name();

  /**
   * The hyperparameters as text, for run records.
   *
   * @return an unmodifiable map, never null
   */
  Map<String, String> parameters();
}
