package dev.ciclo.api.internal;

import dev.ciclo.api.predict.Scores;
import java.util.Map;
import java.util.Objects;

/** Argument checks whose messages name the parameter, the value and what was expected. */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value} if it is not null and not blank.
   *
   * @param value the value to check
   * @param name the parameter's name, used in the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank but was '" + value + "'");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite.
   *
   * @param value the value to check
   * @param name the parameter's name
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it lies in {@code [min, max]}.
   *
   * @param value the value to check
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param name the parameter's name
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is NaN or outside the range
   */
  public static double between(double value, double min, double max, String name) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is not negative.
   *
   * @param value the value to check
   * @param name the parameter's name
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is NaN-free and not negative.
   *
   * @param value the value to check
   * @param name the parameter's name
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is NaN, infinite or negative
   */
  public static double notNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + " must be a finite number not below 0 but was " + value);
    }
    return value;
  }

  /**
   * Copies a map whose values must all be finite numbers.
   *
   * @param map the map to copy
   * @param name the parameter's name
   * @return an unmodifiable copy, or the map itself when it is a {@link Scores} (immutable, and
   *     checked when it was made)
   * @throws NullPointerException if the map, a key or a value is null
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static Map<String, Double> finiteValues(Map<String, Double> map, String name) {
    Objects.requireNonNull(map, name);
    if (map instanceof Scores) {
      return map; // immutable, and its values were checked when it was made
    }
    // Messages are built only on failure: this runs for every score of every prediction.
    map.forEach(
        (k, v) -> {
          if (k == null) {
            throw new NullPointerException(name + " key");
          }
          if (v == null) {
            throw new NullPointerException(name + "[" + k + "]");
          }
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(
                name + "[" + k + "] must be a finite number but was " + v);
          }
        });
    return Map.copyOf(map);
  }
}
