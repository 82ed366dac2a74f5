package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** EDDM, 50 seeded runs of Bernoulli 0.1 then 0.4. EDDM's running maximum of d'+2s' is set from few errors, so it alarms often on stable streams (paper defaults kept). Budget on 10,000 stable values: at most 25 false alarms per run on average (measured 16.7); median delay 150, largest 1,000 (measured 87 and 766). */
class EddmTest extends DetectorTestBase {
  EddmTest() {
    super(Eddm::create, Values.BINARY, Sides.INCREASES);
  }

  @Override
  void golden() {
    GoldenStreams.Outcome o = run(Eddm::create, bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 50);
    assertTrue(o.alarmsBefore() <= 25L * 50, "false alarms over budget: " + o);
    assertBudget(o, 50, 150, 1_000);
  }

  @Test
  @DisplayName("a drift level above the warning level is refused")
  void refusesBadLevels() {
    assertThrows(IllegalArgumentException.class, () -> Eddm.builder().warningLevel(0.9).driftLevel(0.95).build());
  }
}
