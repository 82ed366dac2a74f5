package dev.ciclo.api.monitor;

/**
 * A per-event change detector over a stream of numbers (an error stream of 0s and 1s, scores, a
 * single feature).
 *
 * <p>Not thread-safe: one detector watches one stream on one thread. After {@link #reset()} it
 * behaves exactly as a new detector with the same settings. Detectors that take only 0 and 1
 * (error streams) reject other values.
 */
public interface DriftDetector {
  /**
   * Feeds one value.
   *
   * @param value the value, finite (0 or 1 for binary detectors)
   * @return the state after the value
   * @throws IllegalArgumentException if the value is NaN, infinite, or not one the detector takes
   */
  DriftState update(double value);

  /**
   * The state after the last value; {@link DriftState#NONE} before any value.
   *
   * @return the state
   */
  DriftState state();

  /**
   * The detector's current estimate of the stream's level (its mean, or error rate).
   *
   * @return the estimate; 0 before any value
   */
  double estimate();

  /**
   * How many values were fed since creation or the last {@link #reset()}.
   *
   * @return the count
   */
  long count();

  /** Forgets every value, as if newly made. */
  void reset();

  /**
   * The detector's name and settings (for example {@code "ADWIN(delta=0.002)"}).
   *
   * @return the description
   */
  String name();
}
