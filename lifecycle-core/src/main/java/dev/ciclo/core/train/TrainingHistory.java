package dev.ciclo.core.train;

import dev.ciclo.api.train.EpochMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What each epoch of a run measured, in order, with a readable table.
 *
 * @param epochs the epochs' metrics, in order
 */
public record TrainingHistory(List<EpochMetrics> epochs) {

  /**
   * Copies the list.
   *
   * @throws NullPointerException if the list or an element is null
   */
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /**
   * The epoch with the best value of a metric (the first of equals).
   *
   * @param metric the metric's name
   * @param maximize whether higher is better
   * @return the epoch, or empty when no epoch measured the metric
   */
  public Optional<EpochMetrics> best(String metric, boolean maximize) {
    EpochMetrics best = null;
    for (EpochMetrics e : epochs) {
      Double v = e.metrics().get(metric);
      if (v != null && (best == null
          || (maximize ? v > best.metrics().get(metric) : v < best.metrics().get(metric)))) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * A plain-text table: one row per epoch with the loss, learning rate, every metric and time.
   *
   * @return the table, lines separated by {@code \n}
   */
  public String toTable() {
    TreeSet<String> names = new TreeSet<>();
    epochs.forEach(e -> names.addAll(e.metrics().keySet()));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%5s %10s %10s", "epoch",
        "loss", "lr"));
    for (String n : names) {
      sb.append(String.format(Locale.ROOT, " %14s", n));
    }
    sb.append(String.format(Locale.ROOT, " %9s%n", "ms"));
    for (EpochMetrics e : epochs) {
      sb.append(String.format(Locale.ROOT, "%5d %10.5f %10.6f", e.epoch(), e.trainLoss(),
          e.learningRate()));
      for (String n : names) {
        Double v = e.metrics().get(n);
        sb.append(v == null ? String.format(Locale.ROOT, " %14s", "-")
            : String.format(Locale.ROOT, " %14.5f", v));
      }
      sb.append(String.format(Locale.ROOT, " %9d%n", e.duration().toMillis()));
    }
    return sb.toString().replace(System.lineSeparator(), "\n");
  }
}
