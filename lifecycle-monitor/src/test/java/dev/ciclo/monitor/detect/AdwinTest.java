package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ADWIN, 50 seeded runs of 10,000 stable values then a change: Bernoulli 0.1 to 0.4 (budget: at most 2 runs with a false alarm, median delay 120, largest 200; measured 0, 80, 112) and N(0,1) to N(1,1) (at most 3 runs, median 80, largest 150; measured 1, 48, 80). */
class AdwinTest extends DetectorTestBase {
  AdwinTest() {
    super(Adwin::create, Values.REAL, Sides.BOTH);
  }

  @Override
  void golden() {
    assertBudget(run(Adwin::create, bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 50), 2, 120, 200);
    assertBudget(run(Adwin::create, gaussian(0, 1), gaussian(1, 1), 10_000, 5_000, 50), 3, 80, 150);
    // a decrease is flagged too (two-sided, as the paper)
    assertBudget(run(Adwin::create, bernoulli(0.4), bernoulli(0.1), 10_000, 5_000, 20), 2, 150, 300);
  }

  @Test
  @DisplayName("increases only (MOA's wrapper): a fall of the error rate is not flagged, a rise is")
  void increasesOnly() {
    java.util.function.Supplier<dev.ciclo.api.monitor.DriftDetector> up =
        () -> Adwin.builder().direction(Direction.INCREASE).build();
    GoldenStreams.Outcome fall = run(up, bernoulli(0.4), bernoulli(0.1), 10_000, 5_000, 20);
    assertEquals(fall.runs(), fall.missed(), "a fall flagged: " + fall);
    assertBudget(run(up, bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 20), 2, 120, 200);
  }

  @Test
  @DisplayName("settings out of range are refused with the allowed range in the message")
  void refusesBadSettings() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Adwin.builder().delta(2.0));
    assertTrue(e.getMessage().contains("delta must be between 0 and 1 (exclusive) but was 2.0"));
    assertThrows(IllegalArgumentException.class, () -> Adwin.builder().clock(0));
  }

  @Test
  @DisplayName("the window shrinks after a change and its mean follows the new level")
  void windowShrinks() {
    Adwin a = Adwin.create();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      a.update(r.nextDouble() < 0.1 ? 1 : 0);
    }
    for (int i = 0; i < 2_000; i++) {
      a.update(r.nextDouble() < 0.6 ? 1 : 0);
    }
    assertTrue(a.width() < 3_000, "width " + a.width());
    assertTrue(Math.abs(a.estimate() - 0.6) < 0.05, "estimate " + a.estimate());
  }
}
