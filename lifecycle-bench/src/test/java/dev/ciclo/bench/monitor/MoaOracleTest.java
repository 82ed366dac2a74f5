package dev.ciclo.bench.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.monitor.detect.Adwin;
import dev.ciclo.monitor.detect.Cusum;
import dev.ciclo.monitor.detect.Ddm;
import dev.ciclo.monitor.detect.Direction;
import dev.ciclo.monitor.detect.Eddm;
import dev.ciclo.monitor.detect.HddmA;
import dev.ciclo.monitor.detect.HddmW;
import dev.ciclo.monitor.detect.PageHinkley;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import moa.classifiers.core.driftdetection.AbstractChangeDetector;
import moa.classifiers.core.driftdetection.CusumDM;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.HDDM_A_Test;
import moa.classifiers.core.driftdetection.HDDM_W_Test;
import moa.classifiers.core.driftdetection.PageHinkleyDM;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MOA 2024.07.0 as an asserted oracle: on seeded streams (abrupt and gradual changes of a
 * Bernoulli error rate, a long stream with no change, a Gaussian mean shift) every alarm index of
 * Ciclo's detectors equals MOA's, in the mode that matches MOA's (ADWIN flagging increases only,
 * as MOA's {@code ADWINChangeDetector}; HDDM-A with MOA's {@code ln(2/c)} bound and one side).
 * Page-Hinkley differs by design (Ciclo keeps the test's running minimum; MOA's jar does not):
 * what that difference implies is asserted as a bound. MOA is GPL-3 and lives in this module only,
 * which is never deployed. Detectors run one at a time: MOA's {@code HDDM_W_Test} keeps its
 * samples in static fields.
 */
class MoaOracleTest {
  private static final double[] ABRUPT = OracleStreams.abrupt(1);
  private static final double[] GRADUAL = OracleStreams.gradual(2);
  private static final double[] NO_CHANGE = OracleStreams.noChange(3);
  private static final double[] GAUSSIAN = OracleStreams.gaussianShift(4);

  static List<Integer> ciclo(DriftDetector d, double[] s) {
    List<Integer> a = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (d.update(s[i]) == DriftState.DRIFT) {
        a.add(i);
      }
    }
    return a;
  }

  static List<Integer> moa(AbstractChangeDetector d, double[] s) {
    d.prepareForUse();
    List<Integer> a = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      d.input(s[i]);
      if (d.getChange()) {
        a.add(i);
      }
    }
    return a;
  }

  private static HDDM_A_Test moaHddmAOneSided() {
    HDDM_A_Test t = new HDDM_A_Test();
    t.oneSidedTestOption.setChosenIndex(0);
    return t;
  }

  static Stream<Arguments> pairs() {
    List<Arguments> list = new ArrayList<>();
    String[] streams = {"abrupt", "gradual", "no change"};
    double[][] values = {ABRUPT, GRADUAL, NO_CHANGE};
    for (int s = 0; s < streams.length; s++) {
      double[] v = values[s];
      String n = streams[s];
      list.add(Arguments.of("ADWIN, increases", n, v,
          (Supplier<DriftDetector>) () -> Adwin.builder().direction(Direction.INCREASE).build(),
          (Supplier<AbstractChangeDetector>) ADWINChangeDetector::new));
      list.add(Arguments.of("DDM", n, v, (Supplier<DriftDetector>) Ddm::create,
          (Supplier<AbstractChangeDetector>) DDM::new));
      list.add(Arguments.of("EDDM", n, v, (Supplier<DriftDetector>) Eddm::create,
          (Supplier<AbstractChangeDetector>) EDDM::new));
      list.add(Arguments.of("CUSUM", n, v, (Supplier<DriftDetector>) Cusum::create,
          (Supplier<AbstractChangeDetector>) CusumDM::new));
      list.add(Arguments.of("HDDM-A, ln(2/c)", n, v,
          (Supplier<DriftDetector>) () -> HddmA.builder().bound(HddmA.Bound.TWO_SIDED).build(),
          (Supplier<AbstractChangeDetector>) MoaOracleTest::moaHddmAOneSided));
      list.add(Arguments.of("HDDM-W", n, v, (Supplier<DriftDetector>) HddmW::create,
          (Supplier<AbstractChangeDetector>) HDDM_W_Test::new));
    }
    list.add(Arguments.of("ADWIN, increases", "Gaussian shift", GAUSSIAN,
        (Supplier<DriftDetector>) () -> Adwin.builder().direction(Direction.INCREASE).build(),
        (Supplier<AbstractChangeDetector>) ADWINChangeDetector::new));
    list.add(Arguments.of("CUSUM", "Gaussian shift", GAUSSIAN,
        (Supplier<DriftDetector>) Cusum::create,
        (Supplier<AbstractChangeDetector>) CusumDM::new));
    return list.stream();
  }

  @ParameterizedTest(name = "{0} on the {1} stream")
  @MethodSource("pairs")
  @DisplayName("every alarm index equals MOA's")
  void sameAlarms(String detector, String stream, double[] values,
      Supplier<DriftDetector> ours, Supplier<AbstractChangeDetector> theirs) {
    List<Integer> moa = moa(theirs.get(), values);
    List<Integer> ciclo = ciclo(ours.get(), values);
    assertEquals(moa, ciclo, detector + " on the " + stream + " stream");
  }

  @Test
  @DisplayName("the oracle streams make the detectors alarm (so equal lists are not two empty"
      + " ones) and the no-change stream keeps ADWIN, DDM and HDDM-A silent")
  void streamsExercise() {
    assertTrue(moa(new ADWINChangeDetector(), ABRUPT).size() >= 3);
    assertTrue(moa(new DDM(), ABRUPT).size() >= 2);
    assertTrue(moa(new EDDM(), GRADUAL).size() >= 50);
    assertTrue(moa(moaHddmAOneSided(), GRADUAL).size() >= 3);
    assertTrue(moa(new HDDM_W_Test(), GRADUAL).size() >= 3);
    assertTrue(moa(new CusumDM(), GAUSSIAN).size() >= 3);
    assertEquals(List.of(), moa(new ADWINChangeDetector(), NO_CHANGE));
    assertEquals(List.of(), moa(new DDM(), NO_CHANGE));
    assertEquals(List.of(), moa(moaHddmAOneSided(), NO_CHANGE));
  }

  @Test
  @DisplayName("Page-Hinkley with MOA's settings: keeping the running minimum makes the statistic"
      + " never smaller than MOA's, so the first alarm never comes later")
  void pageHinkleyBound() {
    for (double[] s : List.of(ABRUPT, GRADUAL, NO_CHANGE, GAUSSIAN)) {
      List<Integer> moa = moa(new PageHinkleyDM(), s);
      List<Integer> ciclo = ciclo(
          PageHinkley.builder().lambda(50).alpha(1 - 0.0001).build(), s);
      if (!moa.isEmpty()) {
        assertFalse(ciclo.isEmpty(), "MOA alarmed at " + moa + ", Ciclo never");
        assertTrue(ciclo.get(0) <= moa.get(0), "Ciclo first at " + ciclo.get(0) + ", MOA at "
            + moa.get(0));
      }
    }
  }

  @Test
  @DisplayName("Page-Hinkley's defaults against MOA's on five seeds: no more false alarms in"
      + " 200,000 unchanged values, and a mean delay no longer on the abrupt change")
  void pageHinkleyDefaults() {
    int cicloFalse = 0;
    int moaFalse = 0;
    long cicloDelay = 0;
    long moaDelay = 0;
    for (long seed = 1; seed <= 5; seed++) {
      double[] flat = OracleStreams.noChange(seed);
      cicloFalse += ciclo(PageHinkley.create(), flat).size();
      moaFalse += moa(new PageHinkleyDM(), flat).size();
      double[] a = OracleStreams.abrupt(seed);
      cicloDelay += firstAfter(ciclo(PageHinkley.create(), a), 25_000) - 25_000;
      moaDelay += firstAfter(moa(new PageHinkleyDM(), a), 25_000) - 25_000;
    }
    // measured: Ciclo 1 false alarm, mean delay 417; MOA 1 and 486 (PageHinkley's Javadoc)
    assertEquals(1, moaFalse);
    assertEquals(486, moaDelay / 5);
    assertEquals(1, cicloFalse);
    assertEquals(417, cicloDelay / 5);
  }

  private static int firstAfter(List<Integer> alarms, int change) {
    return alarms.stream().filter(i -> i >= change).findFirst().orElse(Integer.MAX_VALUE / 8);
  }
}
