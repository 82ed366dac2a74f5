package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HDDM-W, 50 seeded runs of 10,000 values of Bernoulli 0.1 then 0.4. Budget: at most 2 runs with a false alarm, median delay 80, largest 250 (measured 0, 45, 123). */
class HddmWTest extends DetectorTestBase {
  HddmWTest() {
    super(HddmW::create, Values.BINARY, Sides.INCREASES);
  }

  @Override
  void golden() {
    // two-sided variant on the same increase; Hoeffding/McDiarmid bounds with range 1 cannot see
    // small decreases at low error rates, and at rates near 0.5 they alarm about alpha per value
    assertBudget(run(HddmW::create, bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 50), 2, 80, 250);
    assertBudget(run(() -> HddmW.builder().direction(Direction.BOTH).build(), bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 20), 2, 150, 500);
  }

  @Test
  @DisplayName("lambda outside (0, 1) is refused")
  void refusesBadLambda() {
    assertThrows(IllegalArgumentException.class, () -> HddmW.builder().lambda(1.5));
  }
}
