package dev.ciclo.monitor.detect;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;

/**
 * Input checks, the count, the state and the restart after a drift, shared by every detector.
 */
abstract class AbstractDetector implements DriftDetector {
  private final String shortName;
  private final boolean binary;
  private long count;
  private DriftState state = DriftState.NONE;
  private boolean restartPending;

  AbstractDetector(String shortName, boolean binary) {
    this.shortName = shortName;
    this.binary = binary;
  }

  @Override
  public final DriftState update(double value) {
    if (binary) {
      if (value != 0.0 && value != 1.0) {
        throw new IllegalArgumentException(
            shortName + " takes 0 or 1 (an error stream) but was " + value);
      }
    } else if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          shortName + " takes finite values but was " + value);
    }
    count++;
    if (restartPending) {
      restartPending = false;
      clear();
    }
    DriftState s = step(value);
    state = s;
    return s;
  }

  /**
   * Processes a checked value.
   *
   * @param value the value
   * @return the new state
   */
  abstract DriftState step(double value);

  /** Clears the statistics (not the count or the state). */
  abstract void clear();

  /**
   * Makes the next value start afresh: {@link #clear()} runs before it is stepped. Detectors that
   * restart after a drift (as MOA and River do) call it when they flag one.
   */
  final void restartOnNextValue() {
    restartPending = true;
  }

  @Override
  public final DriftState state() {
    return state;
  }

  @Override
  public final long count() {
    return count;
  }

  @Override
  public final void reset() {
    count = 0;
    state = DriftState.NONE;
    restartPending = false;
    clear();
  }

  @Override
  public String toString() {
    return name();
  }
}
