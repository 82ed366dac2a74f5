package dev.ciclo.augment.internal;

import java.util.random.RandomGenerator;

/** How augmenters draw a parameter from a range. Not part of the api. */
public final class Draws {
  private Draws() {}

  /**
   * Draws uniformly from {@code [min, max]}, or returns {@code min} when they are equal (without
   * drawing, so a fixed parameter consumes nothing from the stream).
   *
   * @param random the stream
   * @param min the lower bound
   * @param max the upper bound
   * @return the drawn value
   */
  public static double uniform(RandomGenerator random, double min, double max) {
    return min == max ? min : min + (max - min) * random.nextDouble();
  }
}
