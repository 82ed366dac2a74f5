package dev.ciclo.api.internal;

import java.util.Map;
import java.util.Objects;

/**
 * Argument checks whose messages name the parameter, the value and what was expected, for example
 * {@code "snrDb must be between -20 and 60 but was 75"}. The one such helper of every Ciclo
 * module: {@code module-info.java} exports this package only to Ciclo's own modules.
 */
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
          name + " must be between " + fmt(min) + " and " + fmt(max) + " but was " + fmt(value));
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
   * @throws IllegalArgumentException if {@code value} is outside the range
   */
  public static int between(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }

  /**
   * Checks that a range's bounds are ordered.
   *
   * @param min the lower bound
   * @param max the upper bound
   * @param name the range's name, for example {@code "snrDb"}
   * @throws IllegalArgumentException if {@code min > max}
   */
  public static void ordered(double min, double max, String name) {
    if (min > max) {
      throw new IllegalArgumentException(
          name + " range must have min <= max but was [" + fmt(min) + ", " + fmt(max) + "]");
    }
  }

  /**
   * Returns {@code value} if {@code 0 < value < 1}.
   *
   * @param value the value
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if it is outside the range
   */
  public static double open01(double value, String name) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(
          name + " must be between 0 and 1 (exclusive) but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite and positive.
   *
   * @param value the value
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if it is not
   */
  public static double positive(double value, String name) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          name + " must be a positive finite number but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if {@code value >= min}.
   *
   * @param value the value
   * @param min the smallest allowed value
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if it is smaller
   */
  public static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
    }
    return value;
  }

  /**
   * Returns a sample if it is not empty and holds only finite values.
   *
   * @param sample the sample
   * @param name the parameter's name
   * @return the sample
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is empty or holds NaN or an infinity
   */
  public static double[] finiteSample(double[] sample, String name) {
    Objects.requireNonNull(sample, name);
    if (sample.length == 0) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    for (int i = 0; i < sample.length; i++) {
      if (!Double.isFinite(sample[i])) {
        throw new IllegalArgumentException(
            name + " must hold finite values but " + name + "[" + i + "] was " + sample[i]);
      }
    }
    return sample;
  }

  /**
   * Formats a double for a message, without a trailing {@code .0} for whole numbers.
   *
   * @param v the value
   * @return the text
   */
  public static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
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
   * @return an unmodifiable copy
   * @throws NullPointerException if the map, a key or a value is null
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static Map<String, Double> finiteValues(Map<String, Double> map, String name) {
    Objects.requireNonNull(map, name);
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
