package dev.ciclo.api.analysis;

import java.util.Objects;

/**
 * How often a person gave one tag to the sampled errors, and how much of the error it accounts
 * for.
 *
 * @param tag the tag, not blank
 * @param count how many reviewed errors carry it, positive
 * @param fractionOfErrors {@code count / reviewed}, in {@code [0, 1]}: the most the error could
 *     fall, as a share, if every error of this kind were fixed (the lecture's "ceiling")
 * @param interval a 95% Wilson interval for {@code fractionOfErrors}
 * @param errorAccountedFor {@code fractionOfErrors * overall error rate}: the absolute error
 *     (for example 0.04 of a 0.12 error) that this kind of error accounts for
 */
public record TagShare(
    String tag, int count, double fractionOfErrors, Interval interval, double errorAccountedFor) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public TagShare {
    Objects.requireNonNull(tag, "tag");
    if (tag.isBlank()) {
      throw new IllegalArgumentException("tag must not be blank");
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive but was " + count);
    }
    Objects.requireNonNull(interval, "interval");
    if (!(fractionOfErrors >= 0 && fractionOfErrors <= 1)) {
      throw new IllegalArgumentException(
          "fractionOfErrors must be between 0 and 1 but was " + fractionOfErrors);
    }
    if (!(errorAccountedFor >= 0 && errorAccountedFor <= 1)) {
      throw new IllegalArgumentException(
          "errorAccountedFor must be between 0 and 1 but was " + errorAccountedFor);
    }
  }
}
