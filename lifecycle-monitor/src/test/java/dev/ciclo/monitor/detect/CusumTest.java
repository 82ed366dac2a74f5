package dev.ciclo.monitor.detect;

import static dev.ciclo.monitor.detect.GoldenStreams.bernoulli;
import static dev.ciclo.monitor.detect.GoldenStreams.gaussian;
import static dev.ciclo.monitor.detect.GoldenStreams.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CUSUM, 50 seeded runs of 10,000 values of N(0.2, 0.1) then N(0.5, 0.1). Budget: at most 1 run with a false alarm, median delay 200, largest 250 (measured 0, 166, 180). */
class CusumTest extends DetectorTestBase {
  CusumTest() {
    super(Cusum::create, Values.REAL, Sides.INCREASES);
  }

  @Override
  void golden() {
    assertBudget(run(Cusum::create, gaussian(0.2, 0.1), gaussian(0.5, 0.1), 10_000, 5_000, 50), 1, 200, 250);
    assertBudget(run(() -> Cusum.builder().direction(Direction.BOTH).build(), gaussian(0.5, 0.1), gaussian(0.2, 0.1), 10_000, 5_000, 50), 1, 200, 250);
  }

  @Test
  @DisplayName("a non-positive threshold is refused")
  void refusesBadLambda() {
    assertThrows(IllegalArgumentException.class, () -> Cusum.builder().lambda(0));
  }
}
