package dev.ciclo.core.train;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.train.Model;
import java.util.List;

/**
 * The mutable state of one training run: the parameters being learnt and the optimiser's state.
 *
 * <p>Not thread-safe: a {@link TrainingLoop} calls it from one thread.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public interface Learner<X, Y> {
  /**
   * Takes one optimisation step on a mini-batch.
   *
   * @param batch the examples, not empty
   * @param learningRate the step size for this step, finite and not negative
   * @return the batch's mean training loss, finite
   * @throws IllegalArgumentException if an example cannot be used, naming it
   */
  double fitBatch(List<Example<X, Y>> batch, double learningRate);

  /**
   * An immutable model of the current parameters, unaffected by later steps.
   *
   * @return the model, thread-safe
   */
  Model<X, Y> snapshot();
}
