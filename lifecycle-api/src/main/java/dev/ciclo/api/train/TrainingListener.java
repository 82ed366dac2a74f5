package dev.ciclo.api.train;

/**
 * Hears the progress of iterative training (a progress bar, a checkpoint writer, a logger).
 *
 * <p>Call order, on the training thread: {@link #onTrainingStart} once; then for each epoch
 * {@link #onEpochStart}, {@link #onStep} once per mini-batch, {@link #onEpochEnd}; finally
 * {@link #onTrainingEnd} exactly once, also when training fails or stops early. Listeners are
 * called in the order they were added. An exception thrown by a listener fails the run.
 *
 * <p>Every method does nothing by default.
 */
public interface TrainingListener {
  /**
   * Training is about to start.
   *
   * @param runId the run's id
   * @param plannedEpochs the most epochs the run will take
   * @param stepsPerEpoch the mini-batches in each epoch
   */
  default void onTrainingStart(String runId, int plannedEpochs, int stepsPerEpoch) {}

  /**
   * An epoch is about to start.
   *
   * @param epoch the epoch, counted from 1
   */
  default void onEpochStart(int epoch) {}

  /**
   * A mini-batch was trained on.
   *
   * @param epoch the epoch, counted from 1
   * @param step the step within the epoch, counted from 1
   * @param loss the batch's training loss
   */
  default void onStep(int epoch, int step, double loss) {}

  /**
   * An epoch ended and was measured.
   *
   * @param metrics what the epoch measured
   */
  default void onEpochEnd(EpochMetrics metrics) {}

  /**
   * Training ended.
   *
   * @param outcome how it ended
   */
  default void onTrainingEnd(RunOutcome outcome) {}
}
