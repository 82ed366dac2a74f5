package dev.ciclo.api.log;

import java.util.Objects;

/**
 * A monitoring signal: a typed value derived from a request's input x by the served model's
 * declared signal function (a clip's RMS level and duration, a query's language), kept in a
 * record under monitoring consent instead of x itself. Monitors read numbers as numbers and
 * categories as categories; nothing is parsed from text.
 */
public sealed interface Signal {
  /**
   * A number.
   *
   * @param value finite
   */
  record Numeric(double value) implements Signal {
    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public Numeric {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("numeric signal must be finite but was " + value);
      }
    }
  }

  /**
   * A category.
   *
   * @param value not null
   */
  record Category(String value) implements Signal {
    /**
     * Checks the value.
     *
     * @throws NullPointerException if it is null
     */
    public Category {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A numeric signal.
   *
   * @param value finite
   * @return the signal
   * @throws IllegalArgumentException if it is NaN or infinite
   */
  static Signal of(double value) {
    return new Numeric(value);
  }

  /**
   * A category signal.
   *
   * @param value the category
   * @return the signal
   */
  static Signal of(String value) {
    return new Category(value);
  }
}
