package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;
import java.util.Objects;

/**
 * The error on one slice of the data, against the error overall.
 *
 * @param slice the slice's description (for example {@code "tag=car-noise"} or
 *     {@code "speaker=theo"}), not blank
 * @param size how many examples the slice holds, positive
 * @param error the slice's error, finite
 * @param interval a confidence interval for the slice's error
 * @param lift the slice's error minus the overall error (positive: worse than overall)
 */
public record SliceMetrics(String slice, long size, double error, Interval interval, double lift) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public SliceMetrics {
    Checks.notBlank(slice, "slice");
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive but was " + size);
    }
    Checks.finite(error, "error");
    Objects.requireNonNull(interval, "interval");
    Checks.finite(lift, "lift");
  }
}
