package dev.ciclo.bench.monitor;

import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.monitor.batch.DataProfile;
import dev.ciclo.monitor.batch.DriftReports;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Times {@link DriftReports} on two tables written by {@code scripts/drift-report-vs-scipy.sh}
 * (raw little-endian float64, column after column), the same data SciPy's per-column
 * {@code ks_2samp} loop is timed on. The files are memory-mapped and read once before timing,
 * so both sides start from data in memory; each timed run builds both profiles (one sketch per
 * column) and the report. One warm-up run, then the median of three. Prints one line:
 * {@code ciclo_ms=<median> drifted=<n> bytes_per_feature=<b>}.
 *
 * <p>Run: {@code java -cp lifecycle-bench/target/benchmarks.jar
 * dev.ciclo.bench.monitor.DriftReportTiming ref.f64 cur.f64 rows columns}.
 */
public final class DriftReportTiming {
  private DriftReportTiming() {}

  /**
   * Runs the timing.
   *
   * @param args the reference file, the current file, rows, columns
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    int rows = Integer.parseInt(args[2]);
    int cols = Integer.parseInt(args[3]);
    DoubleBuffer ref = map(Path.of(args[0]));
    DoubleBuffer cur = map(Path.of(args[1]));
    double[] column = new double[rows];
    double touch = 0;
    for (DoubleBuffer b : new DoubleBuffer[] {ref, cur}) {
      for (int j = 0; j < cols; j++) {
        b.get(j * rows, column);
        touch += column[rows - 1];
      }
    }
    DriftReport r = null;
    DataProfile last = null;
    long[] ns = new long[4];
    for (int run = 0; run < ns.length; run++) {
      long t = System.nanoTime();
      DataProfile a = DataProfile.create("reference");
      DataProfile c = DataProfile.create("current");
      for (int j = 0; j < cols; j++) {
        ref.get(j * rows, column);
        a.addColumn("f" + j, column);
        cur.get(j * rows, column);
        c.addColumn("f" + j, column);
      }
      r = DriftReports.create().compare(a, c);
      ns[run] = System.nanoTime() - t;
      last = a;
    }
    long[] timed = Arrays.copyOfRange(ns, 1, ns.length);
    Arrays.sort(timed);
    System.out.printf("ciclo_ms=%.1f runs_ms=%s drifted=%d bytes_per_feature=%d (touch %s)%n",
        timed[timed.length / 2] / 1e6, Arrays.toString(Arrays.stream(ns)
            .map(x -> x / 1_000_000).toArray()), r.driftedFeatures().size(),
        last.bytes() / cols, touch != 0);
  }

  private static DoubleBuffer map(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN)
          .asDoubleBuffer();
    }
  }
}
