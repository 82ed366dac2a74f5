package dev.ciclo.monitor.performance;

import java.time.Instant;
import java.util.Objects;

/**
 * Accuracy over one window of joined predictions.
 *
 * @param index the window's number, from 0
 * @param from the time of the earliest prediction in the window
 * @param to the time of the latest prediction in the window
 * @param count how many predictions got their label, positive
 * @param correct how many of them were right
 */
public record AccuracyWindow(int index, Instant from, Instant to, long count, long correct) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the counts are inconsistent
   */
  public AccuracyWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (count <= 0 || correct < 0 || correct > count) {
      throw new IllegalArgumentException(
          "correct must be between 0 and count (" + count + ") but was " + correct);
    }
  }

  /**
   * The share of right predictions.
   *
   * @return {@code correct / count}
   */
  public double accuracy() {
    return (double) correct / count;
  }
}
