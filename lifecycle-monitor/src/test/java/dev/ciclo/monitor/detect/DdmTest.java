package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DDM, 50 seeded runs of 10,000 values of Bernoulli 0.1 then 0.4. Budget: at most 25 runs with a false alarm (measured 17: DDM's whole-history statistics make it alarm on long stable streams, a known weakness of the paper's method), median delay 400, largest 2,500 (measured 296 and 2,000). */
class DdmTest extends DetectorTestBase {
  DdmTest() {
    super(Ddm::create, Values.BINARY, Sides.INCREASES);
  }

  @Override
  void golden() {
    assertBudget(run(Ddm::create, bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 50), 25, 400, 2_500);
    // a short stable part: budget 20 runs (measured 15; some alarms come from p = 0 at the start)
    assertBudget(run(Ddm::create, bernoulli(0.1), bernoulli(0.4), 1_000, 5_000, 50), 20, 200, 1_000);
  }

  @Test
  @DisplayName("a drift level below the warning level is refused")
  void refusesBadLevels() {
    assertThrows(IllegalArgumentException.class, () -> Ddm.builder().warningLevel(3).driftLevel(2).build());
  }
}
