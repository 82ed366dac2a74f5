package dev.ciclo.bench.predict;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link PredictOverheadBenchmark} cases interleaved (a batch of direct Tribuo calls, then a
 * batch through Ciclo, in turn) and timed in CPU time of the calling thread, for shared machines
 * where other processes make JMH's wall-clock averages drift between the cases. Prints each
 * case's median time per prediction and the ratio. Run: {@code java -cp
 * lifecycle-bench/target/benchmarks.jar dev.ciclo.bench.predict.PredictOverheadCpuTime [rounds]}
 * (default 200 measured rounds of 20,000 predictions per case, after 100 warm-up rounds).
 */
public final class PredictOverheadCpuTime {
  private static final int BATCH = 20_000;

  private PredictOverheadCpuTime() {}

  /**
   * Entry point.
   *
   * @param args optional number of measured rounds
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    PredictOverheadBenchmark b = new PredictOverheadBenchmark();
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] t = new double[2][rounds];
    // Results go into a ring the JIT cannot prove dead; both cases pay the same store.
    Object[] ring = new Object[1024];
    for (int r = -100; r < rounds; r++) {
      for (int c = 0; c < 2; c++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < BATCH; i++) {
          ring[i & 1023] = c == 0 ? b.tribuoDirect() : b.ciclo();
        }
        long dt = mx.getCurrentThreadCpuTime() - t0;
        if (r >= 0) {
          t[c][r] = (double) dt / BATCH;
        }
      }
    }
    double direct = median(t[0]);
    double ciclo = median(t[1]);
    if (ring[0] == null) {
      throw new IllegalStateException("no prediction");
    }
    System.out.printf(Locale.ROOT,
        "tribuoDirect %.1f ns, ciclo %.1f ns per prediction, ratio %.3f%n", direct, ciclo,
        ciclo / direct);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
