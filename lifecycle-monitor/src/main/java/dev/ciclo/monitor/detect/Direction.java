package dev.ciclo.monitor.detect;

/** Which changes of the level a one- or two-sided detector flags. */
public enum Direction {
  /** Only increases (for error rates: the model got worse). */
  INCREASE,
  /** Only decreases. */
  DECREASE,
  /** Increases and decreases. */
  BOTH;

  boolean up() {
    return this != DECREASE;
  }

  boolean down() {
    return this != INCREASE;
  }
}
