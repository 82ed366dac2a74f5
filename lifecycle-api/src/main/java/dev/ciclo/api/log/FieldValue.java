package dev.ciclo.api.log;

import java.util.Objects;

/** One typed value of a {@link FieldsPayload}: a double, a long, a boolean or a string. */
public sealed interface FieldValue {
  /**
   * A double.
   *
   * @param value any double
   */
  record DoubleValue(double value) implements FieldValue {}

  /**
   * A long.
   *
   * @param value any long
   */
  record LongValue(long value) implements FieldValue {}

  /**
   * A boolean.
   *
   * @param value the value
   */
  record BooleanValue(boolean value) implements FieldValue {}

  /**
   * A string.
   *
   * @param value not null
   */
  record StringValue(String value) implements FieldValue {
    /**
     * Checks the value.
     *
     * @throws NullPointerException if it is null
     */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A double value.
   *
   * @param value the value
   * @return the field value
   */
  static FieldValue of(double value) {
    return new DoubleValue(value);
  }

  /**
   * A long value.
   *
   * @param value the value
   * @return the field value
   */
  static FieldValue of(long value) {
    return new LongValue(value);
  }

  /**
   * A boolean value.
   *
   * @param value the value
   * @return the field value
   */
  static FieldValue of(boolean value) {
    return new BooleanValue(value);
  }

  /**
   * A string value.
   *
   * @param value the value
   * @return the field value
   */
  static FieldValue of(String value) {
    return new StringValue(value);
  }
}
