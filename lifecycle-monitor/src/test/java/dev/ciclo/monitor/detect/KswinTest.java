package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** KSWIN, 50 seeded runs of N(0,1) then N(2,1). KSWIN tests at alpha 0.005 on every value, so it alarms on stable streams by design (paper defaults kept). Budget: at most 20 false alarms per 10,000 stable values on average (measured 13.5), median delay 30, largest 100 (measured 16 and 70). */
class KswinTest extends DetectorTestBase {
  KswinTest() {
    super(Kswin::create, Values.REAL, Sides.BOTH);
  }

  @Override
  void golden() {
    GoldenStreams.Outcome o = run(Kswin::create, gaussian(0, 1), gaussian(2, 1), 10_000, 5_000, 50);
    assertTrue(o.alarmsBefore() <= 20L * 50, "false alarms over budget: " + o);
    assertBudget(o, 50, 30, 100);
  }

  @Test
  @DisplayName("a window too small for two samples is refused")
  void refusesBadWindow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kswin.builder().windowSize(50).build());
    assertTrue(e.getMessage().contains("windowSize must be at least 61 but was 50"), e.getMessage());
  }
}
