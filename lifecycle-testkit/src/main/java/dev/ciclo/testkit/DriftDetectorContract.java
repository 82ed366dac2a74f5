package dev.ciclo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DriftDetector} keeps: no alarm on a constant stream, a count of the
 * values fed, reset that restores the initial state, detection of a large abrupt change, and a
 * clear error for NaN and infinities.
 */
public abstract class DriftDetectorContract {
  /** For subclasses. */
  protected DriftDetectorContract() {}

  /**
   * Makes a detector with its default settings.
   *
   * @return a new detector
   */
  protected abstract DriftDetector newDetector();

  /**
   * Whether the detector takes only 0 and 1 (error streams). Binary detectors are fed Bernoulli
   * streams and must reject other values.
   *
   * @return {@code true} for binary detectors
   */
  protected abstract boolean binary();

  /**
   * Whether the detector flags only increases of the level (as many error-rate detectors do).
   * The default is {@code true}; the change tested is an increase either way.
   *
   * @return {@code true} if only increases are flagged
   */
  protected boolean onlyIncreases() {
    return true;
  }

  /**
   * How many values after the change the detector may take to flag a large abrupt change.
   * Default 2,000.
   *
   * @return the largest accepted delay
   */
  protected int maxDelay() {
    return 2_000;
  }

  private double stable(SplittableRandom r) {
    return binary() ? (r.nextDouble() < 0.1 ? 1 : 0) : 0.2 + 0.05 * r.nextGaussian();
  }

  private double changed(SplittableRandom r) {
    return binary() ? (r.nextDouble() < 0.6 ? 1 : 0) : 1.2 + 0.05 * r.nextGaussian();
  }

  @Test
  @DisplayName("a constant stream never raises a warning or a drift")
  void constantStreamNoAlarm() {
    for (double level : binary() ? new double[] {0, 1} : new double[] {0, 0.5, -3, 1e6}) {
      DriftDetector d = newDetector();
      for (int i = 0; i < 20_000; i++) {
        assertEquals(
            DriftState.NONE, d.update(level), "alarm at value " + i + " of constant " + level);
      }
    }
  }

  @Test
  @DisplayName("count() counts the values fed and state() repeats the last answer")
  void countsAndState() {
    DriftDetector d = newDetector();
    assertEquals(0, d.count());
    assertEquals(DriftState.NONE, d.state());
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 1; i <= 500; i++) {
      DriftState s = d.update(stable(r));
      assertEquals(s, d.state());
    }
    assertEquals(500, d.count());
  }

  @Test
  @DisplayName("reset() makes the detector behave as a new one")
  void resetRestoresInitialState() {
    DriftDetector fresh = newDetector();
    DriftDetector used = newDetector();
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 3_000; i++) {
      used.update(i < 1_500 ? stable(r) : changed(r));
    }
    used.reset();
    assertEquals(0, used.count());
    assertEquals(DriftState.NONE, used.state());
    SplittableRandom a = new SplittableRandom(13);
    SplittableRandom b = new SplittableRandom(13);
    List<DriftState> expected = new ArrayList<>();
    List<DriftState> actual = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      expected.add(fresh.update(i < 2_000 ? stable(a) : changed(a)));
      actual.add(used.update(i < 2_000 ? stable(b) : changed(b)));
    }
    assertEquals(expected, actual);
    assertEquals(fresh.estimate(), used.estimate(), 1e-12);
  }

  @Test
  @DisplayName("a large abrupt increase is detected within maxDelay() values")
  void detectsAbruptChange() {
    DriftDetector d = newDetector();
    SplittableRandom r = new SplittableRandom(42);
    int changeAt = 5_000;
    int detectedAt = -1;
    for (int i = 0; i < changeAt + maxDelay(); i++) {
      DriftState s = d.update(i < changeAt ? stable(r) : changed(r));
      if (s == DriftState.DRIFT && i >= changeAt) {
        detectedAt = i;
        break;
      }
    }
    assertNotEquals(-1, detectedAt, "no drift within " + maxDelay() + " values of the change");
  }

  @Test
  @DisplayName("NaN and infinities are refused with IllegalArgumentException")
  void refusesNonFinite() {
    DriftDetector d = newDetector();
    assertThrows(IllegalArgumentException.class, () -> d.update(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.update(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> d.update(Double.NEGATIVE_INFINITY));
    assertEquals(0, d.count(), "a refused value must not be counted");
  }

  @Test
  @DisplayName("a binary detector refuses values other than 0 and 1")
  void binaryRefusesOtherValues() {
    if (!binary()) {
      return;
    }
    DriftDetector d = newDetector();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.update(0.7));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("0.7"), "message should name the value: " + e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.update(-1));
    assertEquals(0, d.count());
  }

  @Test
  @DisplayName("name() describes the detector")
  void hasName() {
    org.junit.jupiter.api.Assertions.assertFalse(newDetector().name().isBlank());
  }
}
