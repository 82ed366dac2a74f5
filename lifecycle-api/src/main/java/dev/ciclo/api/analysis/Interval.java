package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;

/**
 * A confidence interval.
 *
 * @param low the lower bound, finite
 * @param high the upper bound, finite, not below {@code low}
 * @param level the confidence level, in {@code (0, 1)} (for example 0.95)
 */
public record Interval(double low, double high, double level) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a bound is not finite, {@code high < low}, or the level
   *     is outside {@code (0, 1)}
   */
  public Interval {
    Checks.finite(low, "low");
    Checks.finite(high, "high");
    if (high < low) {
      throw new IllegalArgumentException(
          "high must not be below low but was " + high + " < " + low);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be between 0 and 1 (exclusive) but was " + level);
    }
  }

  /**
   * Whether a value lies inside, bounds included.
   *
   * @param value the value
   * @return {@code true} if {@code low <= value <= high}
   */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
