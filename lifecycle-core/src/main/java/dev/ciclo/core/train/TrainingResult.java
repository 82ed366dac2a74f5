package dev.ciclo.core.train;

import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import java.util.Objects;

/**
 * What a {@link TrainingLoop} run produced.
 *
 * @param model the model returned: the best epoch's when early stopping restores it, else the
 *     last epoch's
 * @param modelEpoch the epoch {@code model} comes from, counted from 1
 * @param history every epoch's metrics
 * @param outcome how the run ended
 * @param record the run record (also saved to the run store when one was given)
 * @param <X> the input type
 * @param <Y> the target type
 */
public record TrainingResult<X, Y>(
    Model<X, Y> model, int modelEpoch, TrainingHistory history, RunOutcome outcome,
    RunRecord record) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public TrainingResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(record, "record");
  }
}
