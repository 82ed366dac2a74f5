package dev.ciclo.bench.monitor;

import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.batch.KolmogorovSmirnov;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times Ciclo's KS test on two samples written by {@code scripts/ks-vs-scipy.sh} (raw
 * little-endian float64), the same data SciPy is timed on: 5 warm-up runs, then the median of
 * 15. Prints one line: {@code ciclo_ms=<median> statistic=<d> pvalue=<p>}.
 *
 * <p>Run: {@code java -cp lifecycle-bench/target/benchmarks.jar
 * dev.ciclo.bench.monitor.KsTiming a.f64 b.f64}.
 */
public final class KsTiming {
  private KsTiming() {}

  /**
   * Runs the timing.
   *
   * @param args the two sample files
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    double[] a = read(Path.of(args[0]));
    double[] b = read(Path.of(args[1]));
    KolmogorovSmirnov ks = KolmogorovSmirnov.create();
    DriftTestResult r = null;
    for (int i = 0; i < 5; i++) {
      r = ks.test(a, b);
    }
    long[] ns = new long[15];
    for (int i = 0; i < ns.length; i++) {
      long t = System.nanoTime();
      r = ks.test(a, b);
      ns[i] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    System.out.printf("ciclo_ms=%.1f statistic=%s pvalue=%s%n", ns[ns.length / 2] / 1e6,
        r.statistic(), r.pValue().getAsDouble());
  }

  private static double[] read(Path p) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    double[] x = new double[buf.remaining() / 8];
    buf.asDoubleBuffer().get(x);
    return x;
  }
}
