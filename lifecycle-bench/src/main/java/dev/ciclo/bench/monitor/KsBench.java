package dev.ciclo.bench.monitor;

import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.batch.KolmogorovSmirnov;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two-sample KS test on 1,000,000 vs 1,000,000 normal values (shifted by 0.002), against
 * the baseline of sorting copies of both samples, which bounds it from below. SciPy's
 * {@code ks_2samp} on the same kind of data is measured by {@code scripts/ks-vs-scipy.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KsBench {
  private double[] a;
  private double[] b;

  /** Makes the samples. */
  @Setup
  public void setUp() {
    a = Streams.gaussian(11, 1_000_000, Integer.MAX_VALUE);
    b = Streams.gaussian(12, 1_000_000, Integer.MAX_VALUE);
    for (int i = 0; i < b.length; i++) {
      b[i] += 0.002;
    }
  }

  /**
   * Baseline: sort copies of both samples.
   *
   * @return a value of the sorted data
   */
  @Benchmark
  public double sortBoth() {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    return x[0] + y[0];
  }

  /**
   * Ciclo's KS test, statistic and p-value.
   *
   * @return the result
   */
  @Benchmark
  public DriftTestResult ks() {
    return KolmogorovSmirnov.create().test(a, b);
  }
}
