package dev.ciclo.monitor.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.testkit.DriftDetectorContract;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The api contract plus the properties every detector of this module keeps. */
abstract class DetectorTestBase extends DriftDetectorContract {
  /** The values a detector reads. */
  enum Values {
    /** Only 0 and 1 (errors). */
    BINARY,
    /** Any finite value. */
    REAL
  }

  /** The changes a detector flags with its defaults. */
  enum Sides {
    /** Increases only. */
    INCREASES,
    /** Increases and decreases. */
    BOTH
  }

  private final Supplier<DriftDetector> factory;
  private final Values values;
  private final Sides sides;

  DetectorTestBase(Supplier<DriftDetector> factory, Values values, Sides sides) {
    this.factory = factory;
    this.values = values;
    this.sides = sides;
  }

  @Override
  protected final DriftDetector newDetector() {
    return factory.get();
  }

  @Override
  protected final boolean binary() {
    return values == Values.BINARY;
  }

  @Override
  protected final boolean onlyIncreases() {
    return sides == Sides.INCREASES;
  }

  /** Checks the detector's golden streams against its stated budgets. */
  abstract void golden();

  @Test
  @DisplayName("golden streams: no more false alarms than the budget, detection within the delay")
  void goldenStreams() {
    golden();
  }

  @Test
  @DisplayName("property: no alarm on any constant stream")
  void constantStreamsNeverAlarm() {
    if (binary()) {
      qt().withExamples(40)
          .forAll(integers().between(0, 1), integers().between(1, 5_000))
          .checkAssert((c, n) -> assertNoAlarm(c, n));
    } else {
      qt().withExamples(60)
          .forAll(doubles().between(-1e9, 1e9), integers().between(1, 5_000))
          .checkAssert((c, n) -> assertNoAlarm(c, n));
    }
  }

  private void assertNoAlarm(double c, int n) {
    DriftDetector d = newDetector();
    for (int i = 0; i < n; i++) {
      assertEquals(DriftState.NONE, d.update(c), "alarm at " + i + " on constant " + c);
    }
  }

  @Test
  @DisplayName("property: after reset() a used detector answers exactly as a new one")
  void resetIsLikeNew() {
    qt().withExamples(25)
        .forAll(longs().all(), integers().between(0, 4_000))
        .checkAssert(
            (seed, used) -> {
              DriftDetector fresh = newDetector();
              DriftDetector d = newDetector();
              SplittableRandom r = new SplittableRandom(seed);
              for (int i = 0; i < used; i++) {
                d.update(value(r, i > used / 2));
              }
              d.reset();
              assertEquals(0, d.count());
              assertEquals(0.0, d.estimate());
              SplittableRandom a = new SplittableRandom(seed + 1);
              SplittableRandom b = new SplittableRandom(seed + 1);
              for (int i = 0; i < 2_000; i++) {
                assertEquals(fresh.update(value(a, i > 1_000)), d.update(value(b, i > 1_000)));
              }
              assertEquals(fresh.estimate(), d.estimate(), 0.0);
            });
  }

  private double value(SplittableRandom r, boolean changed) {
    if (binary()) {
      return r.nextDouble() < (changed ? 0.5 : 0.1) ? 1 : 0;
    }
    return (changed ? 1 : 0) + GoldenStreams.gaussian(r);
  }

  @Test
  @DisplayName("a bad value is refused with a message naming it, and not counted")
  void badValueMessage() {
    DriftDetector d = newDetector();
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> d.update(binary() ? 0.7 : Double.NaN));
    assertTrue(e.getMessage().contains(binary() ? "0.7" : "NaN"), e.getMessage());
    assertEquals(0, d.count());
  }

  static void assertBudget(
      GoldenStreams.Outcome o, int maxRunsWithFalseAlarm, int maxMedianDelay, int maxDelay) {
    assertTrue(o.falseAlarms() <= maxRunsWithFalseAlarm, "false alarms over budget: " + o);
    assertEquals(0, o.missed(), "missed changes: " + o);
    assertTrue(o.medianDelay() <= maxMedianDelay, "median delay over budget: " + o);
    assertTrue(o.maxDelay() <= maxDelay, "largest delay over budget: " + o);
  }
}
