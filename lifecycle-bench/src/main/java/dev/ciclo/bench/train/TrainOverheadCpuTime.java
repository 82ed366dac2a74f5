package dev.ciclo.bench.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link TrainOverheadBenchmark} cases interleaved (direct, Ciclo, Ciclo with a known
 * fingerprint, in turn) and timed in CPU time of the calling thread, for shared machines where
 * other processes make JMH's wall-clock averages drift between the cases. Prints each case's
 * median and the ratios. Run: {@code java -cp lifecycle-bench/target/benchmarks.jar
 * dev.ciclo.bench.train.TrainOverheadCpuTime [rounds]} (default 200 rounds after 50 warm-up).
 */
public final class TrainOverheadCpuTime {
  private TrainOverheadCpuTime() {}

  /**
   * Entry point.
   *
   * @param args optional number of measured rounds
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    TrainOverheadBenchmark b = new TrainOverheadBenchmark();
    b.examples = 3000;
    b.features = 20;
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] t = new double[3][rounds];
    for (int r = -50; r < rounds; r++) {
      for (int c = 0; c < 3; c++) {
        long t0 = mx.getCurrentThreadCpuTime();
        Object m = c == 0 ? b.tribuoDirect() : c == 1 ? b.ciclo() : b.cicloFingerprinted();
        long dt = mx.getCurrentThreadCpuTime() - t0;
        if (m == null) {
          throw new IllegalStateException("no model");
        }
        if (r >= 0) {
          t[c][r] = dt / 1e6;
        }
      }
    }
    double direct = median(t[0]);
    double ciclo = median(t[1]);
    double known = median(t[2]);
    System.out.printf(Locale.ROOT, "tribuoDirect %.3f ms, ciclo %.3f ms (ratio %.3f),"
        + " cicloFingerprinted %.3f ms (ratio %.3f)%n", direct, ciclo, ciclo / direct, known,
        known / direct);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
