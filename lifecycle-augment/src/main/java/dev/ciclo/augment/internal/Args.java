package dev.ciclo.augment.internal;

/**
 * Argument checks whose messages name the parameter, the value and the allowed range, for
 * example {@code "snrDb must be between -20 and 60 but was 75"}. Not part of the api.
 */
public final class Args {
  private Args() {}

  /**
   * Checks that a value lies in a closed range.
   *
   * @param value the value
   * @param min the smallest allowed
   * @param max the largest allowed
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if the value is NaN or outside the range
   */
  public static double inRange(double value, double min, double max, String name) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be between " + fmt(min) + " and " + fmt(max) + " but was " + fmt(value));
    }
    return value;
  }

  /**
   * Checks that an integer lies in a closed range.
   *
   * @param value the value
   * @param min the smallest allowed
   * @param max the largest allowed
   * @param name the parameter's name
   * @return the value
   * @throws IllegalArgumentException if the value is outside the range
   */
  public static int inRange(int value, int min, int max, String name) {
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
   * Draws uniformly from {@code [min, max]}, or returns {@code min} when they are equal (without
   * drawing).
   *
   * @param random the stream
   * @param min the lower bound
   * @param max the upper bound
   * @return the drawn value
   */
  public static double uniform(java.util.random.RandomGenerator random, double min, double max) {
    return min == max ? min : min + (max - min) * random.nextDouble();
  }

  /**
   * Formats a double without a trailing {@code .0} for whole numbers.
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
}
