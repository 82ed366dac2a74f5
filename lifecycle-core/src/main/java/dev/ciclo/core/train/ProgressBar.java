package dev.ciclo.core.train;

import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.TrainingListener;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A console progress bar: one line per epoch, redrawn in place with the epoch, step, bar,
 * running loss, the last dev metrics and the estimated time left; the finished epoch's line
 * stays. Installed by {@link TrainingLoop} unless the host switches it off.
 *
 * <p>Not thread-safe; called from the training thread.
 */
final class ProgressBar implements TrainingListener {
  private static final int WIDTH = 24;
  private final PrintStream out;
  private final Clock clock;
  private int plannedEpochs;
  private int stepsPerEpoch;
  private long startMillis;
  private long doneSteps;
  private double lossSum;
  private int lossCount;
  private String lastMetrics = "";

  ProgressBar(PrintStream out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void onTrainingStart(String runId, int plannedEpochs, int stepsPerEpoch) {
    this.plannedEpochs = plannedEpochs;
    this.stepsPerEpoch = stepsPerEpoch;
    this.startMillis = clock.millis();
    out.println("training " + runId + ": " + plannedEpochs + " epochs of " + stepsPerEpoch
        + " steps");
  }

  @Override
  public void onEpochStart(int epoch) {
    lossSum = 0;
    lossCount = 0;
  }

  @Override
  public void onStep(int epoch, int step, double loss) {
    doneSteps++;
    lossSum += loss;
    lossCount++;
    if (step == stepsPerEpoch || step % Math.max(1, stepsPerEpoch / 20) == 0) {
      out.print("\r" + line(epoch, step));
      out.flush();
    }
  }

  @Override
  public void onEpochEnd(EpochMetrics metrics) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> m : new java.util.TreeMap<>(metrics.metrics()).entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s %.4f", m.getKey(), m.getValue()));
    }
    lastMetrics = sb.toString();
    out.print("\r" + line(metrics.epoch(), stepsPerEpoch));
    out.println();
  }

  @Override
  public void onTrainingEnd(RunOutcome outcome) {
    out.println("training ended: " + outcome + " after "
        + formatSeconds((clock.millis() - startMillis) / 1000.0));
  }

  String line(int epoch, int step) {
    int filled = stepsPerEpoch == 0 ? WIDTH : (int) ((long) step * WIDTH / stepsPerEpoch);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" : "")
        + " ".repeat(Math.max(0, WIDTH - filled - 1));
    long total = (long) plannedEpochs * stepsPerEpoch;
    double elapsed = (clock.millis() - startMillis) / 1000.0;
    double eta = doneSteps == 0 ? 0 : elapsed * (total - doneSteps) / doneSteps;
    return String.format(Locale.ROOT, "epoch %d/%d [%s] step %d/%d loss %.4f%s ETA %s", epoch,
        plannedEpochs, bar, step, stepsPerEpoch, lossCount == 0 ? 0 : lossSum / lossCount,
        lastMetrics, formatSeconds(eta));
  }

  static String formatSeconds(double s) {
    long t = Math.round(s);
    return String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
  }
}
