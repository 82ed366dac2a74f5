package dev.ciclo.bench.monitor;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.monitor.detect.Adwin;
import dev.ciclo.monitor.detect.Cusum;
import dev.ciclo.monitor.detect.Ddm;
import dev.ciclo.monitor.detect.Eddm;
import dev.ciclo.monitor.detect.HddmA;
import dev.ciclo.monitor.detect.HddmW;
import dev.ciclo.monitor.detect.PageHinkley;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import moa.classifiers.core.driftdetection.AbstractChangeDetector;
import moa.classifiers.core.driftdetection.CusumDM;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.HDDM_A_Test;
import moa.classifiers.core.driftdetection.HDDM_W_Test;
import moa.classifiers.core.driftdetection.PageHinkleyDM;

/**
 * Prints, for each detector and MOA's, where it flags drifts on the benchmark stream (a million
 * Bernoulli errors, 0.2 then 0.4 from index 500,000) and on ten shorter streams (10,000 values,
 * change at 5,000): the first detection after the change, the delay, and the alarms before it.
 *
 * <p>A test source, as MOA (GPL-3) is in test scope only and never in {@code benchmarks.jar}.
 * Run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl lifecycle-bench -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * B=lifecycle-bench/target; CP=$B/test-classes:$B/classes:$(cat $B/test.classpath)
 * java -cp "$CP" dev.ciclo.bench.monitor.DetectionIndices
 * </pre>
 */
public final class DetectionIndices {
  private DetectionIndices() {}

  /**
   * Prints the table.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    String[] names = {"ADWIN", "DDM", "EDDM", "Page-Hinkley", "CUSUM", "HDDM-A", "HDDM-W"};
    List<Supplier<DriftDetector>> ours = List.of(Adwin::create, Ddm::create, Eddm::create,
        PageHinkley::create, Cusum::create, HddmA::create, HddmW::create);
    List<Supplier<AbstractChangeDetector>> moa = List.of(ADWINChangeDetector::new, DDM::new,
        EDDM::new, PageHinkleyDM::new, CusumDM::new, HDDM_A_Test::new, HDDM_W_Test::new);
    double[] big = Streams.errors(7);
    System.out.println("stream: 1,000,000 Bernoulli errors, 0.2 -> 0.4 at index 500,000 (seed 7)");
    System.out.println("| detector | Ciclo first index after change (delay) | Ciclo alarms before"
        + " | MOA first index after change (delay) | MOA alarms before |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (int i = 0; i < names.length; i++) {
      int[] c = scan(ours.get(i).get(), big, Streams.CHANGE);
      AbstractChangeDetector m = moa.get(i).get();
      m.prepareForUse();
      int[] d = scan(m, big, Streams.CHANGE);
      System.out.printf("| %s | %d (%d) | %d | %d (%d) | %d |%n", names[i], c[0],
          c[0] - Streams.CHANGE, c[1], d[0], d[0] - Streams.CHANGE, d[1]);
    }
    System.out.println();
    System.out.println("ten streams of 10,000 values, 0.2 -> 0.4 at 5,000 (seeds 1-10):"
        + " median delay and total alarms before the change");
    System.out.println("| detector | Ciclo median delay | Ciclo alarms before | MOA median delay"
        + " | MOA alarms before |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (int i = 0; i < names.length; i++) {
      List<Integer> cd = new ArrayList<>();
      List<Integer> md = new ArrayList<>();
      int ca = 0;
      int ma = 0;
      for (long seed = 1; seed <= 10; seed++) {
        double[] s = shortStream(seed);
        int[] c = scan(ours.get(i).get(), s, 5_000);
        AbstractChangeDetector m = moa.get(i).get();
        m.prepareForUse();
        int[] d = scan(m, s, 5_000);
        cd.add(c[0] < 0 ? Integer.MAX_VALUE : c[0] - 5_000);
        md.add(d[0] < 0 ? Integer.MAX_VALUE : d[0] - 5_000);
        ca += c[1];
        ma += d[1];
      }
      cd.sort(null);
      md.sort(null);
      System.out.printf("| %s | %d | %d | %d | %d |%n", names[i], cd.get(5), ca, md.get(5), ma);
    }
  }

  private static double[] shortStream(long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] x = new double[10_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < (i < 5_000 ? 0.2 : 0.4) ? 1 : 0;
    }
    return x;
  }

  /** {first drift index at or after change (-1 if none), drifts before change}. */
  static int[] scan(DriftDetector d, double[] s, int change) {
    int first = -1;
    int before = 0;
    for (int i = 0; i < s.length; i++) {
      if (d.update(s[i]) == DriftState.DRIFT) {
        if (i < change) {
          before++;
        } else if (first < 0) {
          first = i;
        }
      }
    }
    return new int[] {first, before};
  }

  static int[] scan(AbstractChangeDetector d, double[] s, int change) {
    int first = -1;
    int before = 0;
    for (int i = 0; i < s.length; i++) {
      d.input(s[i]);
      if (d.getChange()) {
        if (i < change) {
          before++;
        } else if (first < 0) {
          first = i;
        }
      }
    }
    return new int[] {first, before};
  }
}
