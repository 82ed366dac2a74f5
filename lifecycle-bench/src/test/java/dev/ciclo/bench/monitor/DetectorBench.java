package dev.ciclo.bench.monitor;

import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.monitor.detect.Adwin;
import dev.ciclo.monitor.detect.Cusum;
import dev.ciclo.monitor.detect.Ddm;
import dev.ciclo.monitor.detect.Eddm;
import dev.ciclo.monitor.detect.HddmA;
import dev.ciclo.monitor.detect.HddmW;
import dev.ciclo.monitor.detect.Kswin;
import dev.ciclo.monitor.detect.PageHinkley;
import java.util.concurrent.TimeUnit;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import moa.classifiers.core.driftdetection.AbstractChangeDetector;
import moa.classifiers.core.driftdetection.CusumDM;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.HDDM_A_Test;
import moa.classifiers.core.driftdetection.HDDM_W_Test;
import moa.classifiers.core.driftdetection.PageHinkleyDM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Updates per second of each per-event detector against MOA 2024.07.0's on the same stream (a
 * million Bernoulli errors, 0.2 then 0.4 half-way), in the same run; both with their defaults.
 * One operation is one update ({@code @OperationsPerInvocation}), so the score is updates per
 * second. Goals: ADWIN at least 2x MOA's; the O(1) detectors at least 50 million per second.
 *
 * <p>A test source, as MOA (GPL-3) is in test scope only and never in {@code benchmarks.jar}; JMH
 * runs it from the test class path, written by Maven (its forks inherit it):
 *
 * <pre>
 * mvn -B -q -pl lifecycle-bench -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * B=lifecycle-bench/target; CP=$B/test-classes:$B/classes:$(cat $B/test.classpath)
 * java -cp "$CP" org.openjdk.jmh.Main DetectorBench -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBench {
  private double[] errors;
  private double[] gaussian;
  private final Adwin adwin = Adwin.create();
  private final Ddm ddm = Ddm.create();
  private final Eddm eddm = Eddm.create();
  private final PageHinkley pageHinkley = PageHinkley.create();
  private final Cusum cusum = Cusum.create();
  private final HddmA hddmA = HddmA.create();
  private final HddmW hddmW = HddmW.create();
  private final Kswin kswin = Kswin.create();
  private AbstractChangeDetector moaAdwin;
  private AbstractChangeDetector moaDdm;
  private AbstractChangeDetector moaEddm;
  private AbstractChangeDetector moaPageHinkley;
  private AbstractChangeDetector moaCusum;
  private AbstractChangeDetector moaHddmA;
  private AbstractChangeDetector moaHddmW;

  /** Builds the streams and prepares MOA's detectors with their default options. */
  @Setup
  public void setUp() {
    errors = Streams.errors(7);
    gaussian = Streams.gaussian(7, 100_000, 50_000);
    moaAdwin = prepare(new ADWINChangeDetector());
    moaDdm = prepare(new DDM());
    moaEddm = prepare(new EDDM());
    moaPageHinkley = prepare(new PageHinkleyDM());
    moaCusum = prepare(new CusumDM());
    moaHddmA = prepare(new HDDM_A_Test());
    moaHddmW = prepare(new HDDM_W_Test());
  }

  static AbstractChangeDetector prepare(AbstractChangeDetector d) {
    d.prepareForUse();
    return d;
  }

  static int run(DriftDetector d, double[] stream) {
    d.reset();
    int drifts = 0;
    for (double v : stream) {
      if (d.update(v) == DriftState.DRIFT) {
        drifts++;
      }
    }
    return drifts;
  }

  static int run(AbstractChangeDetector d, double[] stream) {
    d.resetLearning();
    int drifts = 0;
    for (double v : stream) {
      d.input(v);
      if (d.getChange()) {
        drifts++;
      }
    }
    return drifts;
  }

  /**
   * Ciclo ADWIN.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int adwinCiclo() {
    return run(adwin, errors);
  }

  /**
   * MOA ADWINChangeDetector.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int adwinMoa() {
    return run(moaAdwin, errors);
  }

  /**
   * Ciclo DDM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int ddmCiclo() {
    return run(ddm, errors);
  }

  /**
   * MOA DDM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int ddmMoa() {
    return run(moaDdm, errors);
  }

  /**
   * Ciclo EDDM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int eddmCiclo() {
    return run(eddm, errors);
  }

  /**
   * MOA EDDM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int eddmMoa() {
    return run(moaEddm, errors);
  }

  /**
   * Ciclo Page-Hinkley.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int pageHinkleyCiclo() {
    return run(pageHinkley, errors);
  }

  /**
   * MOA PageHinkleyDM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int pageHinkleyMoa() {
    return run(moaPageHinkley, errors);
  }

  /**
   * Ciclo CUSUM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int cusumCiclo() {
    return run(cusum, errors);
  }

  /**
   * MOA CusumDM.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int cusumMoa() {
    return run(moaCusum, errors);
  }

  /**
   * Ciclo HDDM-A.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int hddmACiclo() {
    return run(hddmA, errors);
  }

  /**
   * MOA HDDM_A_Test.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int hddmAMoa() {
    return run(moaHddmA, errors);
  }

  /**
   * Ciclo HDDM-W.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int hddmWCiclo() {
    return run(hddmW, errors);
  }

  /**
   * MOA HDDM_W_Test.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(Streams.LENGTH)
  public int hddmWMoa() {
    return run(moaHddmW, errors);
  }

  /**
   * Ciclo KSWIN (no MOA peer) on 100,000 Gaussian values.
   *
   * @return drifts seen
   */
  @Benchmark
  @OperationsPerInvocation(100_000)
  public int kswinCiclo() {
    return run(kswin, gaussian);
  }
}
