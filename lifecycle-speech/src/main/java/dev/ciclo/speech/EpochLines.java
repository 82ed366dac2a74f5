package dev.ciclo.speech;

import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress for logs and pipes: one line per finished epoch (no carriage returns), which is what
 * a file or a CI log can show. Not thread-safe; called from the training thread.
 */
final class EpochLines implements TrainingListener {
  private final PrintStream out;
  private int planned;

  EpochLines(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onTrainingStart(String runId, int plannedEpochs, int stepsPerEpoch) {
    planned = plannedEpochs;
    out.println("training " + runId + ": " + plannedEpochs + " epochs of " + stepsPerEpoch
        + " steps");
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    out.printf(Locale.ROOT, "epoch %d/%d loss %.4f lr %.2e %.1f s%n", m.epoch(), planned,
        m.trainLoss(), m.learningRate(), m.duration().toMillis() / 1000.0);
  }

  @Override
  public void onTrainingEnd(RunOutcome outcome) {
    out.println("training ended: " + outcome);
  }
}
