package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Page-Hinkley, 50 seeded runs of 10,000 values of N(0.2, 0.1) then N(0.5, 0.1). Budget: at most 1 run with a false alarm, median delay 380, largest 420 (measured 0, 340, 353 with the default lambda 100; the delay is about lambda / shift). */
class PageHinkleyTest extends DetectorTestBase {
  PageHinkleyTest() {
    super(PageHinkley::create, Values.REAL, Sides.INCREASES);
  }

  @Override
  void golden() {
    assertBudget(run(PageHinkley::create, gaussian(0.2, 0.1), gaussian(0.5, 0.1), 10_000, 5_000, 50), 1, 380, 420);
    // two-sided: a decrease is flagged with the same delay
    assertBudget(run(() -> PageHinkley.builder().direction(Direction.BOTH).build(), gaussian(0.5, 0.1), gaussian(0.2, 0.1), 10_000, 5_000, 50), 1, 380, 420);
  }

  @Test
  @DisplayName("the one-sided test ignores a decrease")
  void oneSidedIgnoresDecrease() {
    GoldenStreams.Outcome o = run(PageHinkley::create, gaussian(0.5, 0.1), gaussian(0.2, 0.1), 2_000, 3_000, 10);
    assertTrue(o.missed() == 10, o.toString());
  }

  @Test
  @DisplayName("alpha outside (0, 1] is refused")
  void refusesBadAlpha() {
    assertThrows(IllegalArgumentException.class, () -> PageHinkley.builder().alpha(0));
  }
}
