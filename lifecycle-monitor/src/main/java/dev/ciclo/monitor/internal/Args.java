package dev.ciclo.monitor.internal;

/** Argument checks whose messages name the parameter, the value and the allowed range. */
public final class Args {
  private Args() {}

  /**
   * Checks {@code 0 < value < 1}.
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
   * Checks {@code 0 <= value <= 1}.
   *
   * @param value the value
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if it is outside the range
   */
  public static double closed01(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + value);
    }
    return value;
  }

  /**
   * Checks that a value is finite and positive.
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
   * Checks that a value is finite and not negative.
   *
   * @param value the value
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if it is not
   */
  public static double notNegative(double value, String name) {
    if (!(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          name + " must be a finite number of at least 0 but was " + value);
    }
    return value;
  }

  /**
   * Checks {@code value >= min}.
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
   * Checks that a sample is not empty and holds only finite values.
   *
   * @param sample the sample
   * @param name the parameter's name
   * @return the sample
   * @throws IllegalArgumentException if it is empty or holds NaN or an infinity
   */
  public static double[] finiteSample(double[] sample, String name) {
    java.util.Objects.requireNonNull(sample, name);
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
}
