package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HDDM-A, 50 seeded runs of 10,000 values of Bernoulli 0.1 then 0.4. Budget: at most 2 runs with a false alarm, median delay 100, largest 400 (measured 0, 66, 251). */
class HddmATest extends DetectorTestBase {
  HddmATest() {
    super(HddmA::create, Values.BINARY, Sides.INCREASES);
  }

  @Override
  void golden() {
    // two-sided variant on the same increase; Hoeffding/McDiarmid bounds with range 1 cannot see
    // small decreases at low error rates, and at rates near 0.5 they alarm about alpha per value
    assertBudget(run(HddmA::create, bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 50), 2, 100, 400);
    assertBudget(run(() -> HddmA.create(0.001, 0.005, Direction.BOTH), bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 20), 2, 150, 600);
  }

  @Test
  @DisplayName("a warning confidence below the drift confidence is refused")
  void refusesBadLevels() {
    assertThrows(IllegalArgumentException.class, () -> HddmA.create(0.01, 0.001, Direction.BOTH));
  }
}
