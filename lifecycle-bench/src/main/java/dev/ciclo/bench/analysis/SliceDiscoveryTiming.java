package dev.ciclo.bench.analysis;

import dev.ciclo.core.analysis.TabularSlices;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times {@link TabularSlices} on a table of 1,000,000 rows x 20 features (16 numeric, uniform;
 * 4 categorical of 5 values), errors 5% except 40% in one planted pair of a numeric quartile
 * and a category: one warm-up run, then the median of three. Prints the time, the number of
 * candidate slices examined and the first slice found.
 *
 * <p>Run: {@code java -cp lifecycle-bench/target/benchmarks.jar
 * dev.ciclo.bench.analysis.SliceDiscoveryTiming [rows]}. Measured 2026-12-06 on the shared
 * 2-core machine under a load average of ~20: median 7.2 s wall (runs 11.0, 6.9, 7.8, 7.2 s;
 * about 2 s of CPU each), 3,434 candidate slices examined, the planted slice found first.
 */
public final class SliceDiscoveryTiming {
  private SliceDiscoveryTiming() {}

  /**
   * Runs the timing.
   *
   * @param args optionally the number of rows
   */
  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    SplittableRandom r = new SplittableRandom(20261206);
    Map<String, double[]> numeric = new LinkedHashMap<>();
    for (int j = 0; j < 16; j++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = r.nextDouble();
      }
      numeric.put(String.format("n%02d", j), v);
    }
    Map<String, String[]> categorical = new LinkedHashMap<>();
    for (int j = 0; j < 4; j++) {
      String[] v = new String[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = "v" + r.nextInt(5);
      }
      categorical.put("c" + j, v);
    }
    double[] n07 = numeric.get("n07");
    String[] c2 = categorical.get("c2");
    boolean[] wrong = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      double rate = n07[i] >= 0.75 && c2[i].equals("v3") ? 0.4 : 0.05;
      wrong[i] = r.nextDouble() < rate;
    }
    TabularSlices finder = TabularSlices.builder().build();
    TabularSlices.Found found = null;
    long[] ns = new long[4];
    for (int run = 0; run < ns.length; run++) {
      long t = System.nanoTime();
      found = finder.findInColumns(numeric, categorical, wrong);
      ns[run] = System.nanoTime() - t;
    }
    long[] timed = Arrays.copyOfRange(ns, 1, ns.length);
    Arrays.sort(timed);
    System.out.printf("slices_ms=%.1f runs_ms=%s examined=%d found=%d first=%s%n",
        timed[1] / 1e6, Arrays.toString(Arrays.stream(ns).map(x -> x / 1_000_000).toArray()),
        found.examined(), found.slices().size(),
        found.slices().isEmpty() ? "-" : found.slices().get(0).slice());
  }
}
