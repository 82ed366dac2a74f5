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
    assertBudget(run(() -> HddmA.builder().direction(Direction.BOTH).build(), bernoulli(0.1), bernoulli(0.4), 10_000, 5_000, 20), 2, 150, 600);
  }

  @Test
  @DisplayName("MOA's two-sided bound ln(2/c) never flags a rise earlier than the one-sided default"
      + " ln(1/c), and flags it too")
  void twoSidedBoundIsLater() {
    for (long seed = 1; seed <= 10; seed++) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      double[] x = new double[10_000];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextDouble() < (i < 5_000 ? 0.1 : 0.4) ? 1 : 0;
      }
      int one = firstDrift(HddmA.create(), x);
      int two = firstDrift(HddmA.builder().bound(HddmA.Bound.TWO_SIDED).build(), x);
      assertTrue(two >= 5_000 && two < x.length, "seed " + seed + ": two-sided at " + two);
      assertTrue(one <= two, "seed " + seed + ": one-sided " + one + ", two-sided " + two);
    }
    assertTrue(HddmA.create().name().contains("bound=ONE_SIDED"), HddmA.create().name());
    assertTrue(HddmA.builder().direction(Direction.BOTH).build().name()
        .contains("bound=TWO_SIDED"));
  }

  private static int firstDrift(HddmA d, double[] x) {
    for (int i = 0; i < x.length; i++) {
      if (d.update(x[i]) == dev.ciclo.api.monitor.DriftState.DRIFT) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  @Test
  @DisplayName("a warning confidence below the drift confidence is refused")
  void refusesBadLevels() {
    assertThrows(IllegalArgumentException.class, () -> HddmA.builder().driftConfidence(0.01).warningConfidence(0.001).build());
  }
}
