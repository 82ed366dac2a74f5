package dev.ciclo.monitor.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SketchTest {
  @Test
  @DisplayName("a million values fit in a bounded sketch whose quantiles are within 0.5% in rank")
  void boundedMemory() {
    QuantileSketch s = QuantileSketch.create();
    SplittableRandom r = new SplittableRandom(1);
    int n = 1_000_000;
    for (int i = 0; i < n; i++) {
      s.add(r.nextDouble());
    }
    assertEquals(n, s.count());
    assertTrue(s.retained() <= 2 * 1024 * 11, "retained " + s.retained());
    for (double q : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
      assertEquals(q, s.quantile(q), 0.005, "quantile " + q);
      assertEquals(q, s.cdf(q), 0.005, "cdf " + q);
    }
  }

  @Test
  @DisplayName("property: merging shard sketches summarises the whole stream (count exact, ranks within"
      + " the documented bound, about 0.5% typical)")
  void mergeProperty() {
    int k = 256;
    List<Double> errors = new ArrayList<>();
    qt().withExamples(15)
        .forAll(longs().all(), integers().between(1, 8), integers().between(1, 60_000))
        .checkAssert((seed, shards, n) -> {
          SplittableRandom r = new SplittableRandom(seed);
          QuantileSketch[] parts = new QuantileSketch[shards];
          for (int i = 0; i < shards; i++) {
            parts[i] = QuantileSketch.create(k);
          }
          double[] all = new double[n];
          for (int i = 0; i < n; i++) {
            all[i] = r.nextDouble() * 10 - 5;
            parts[i % shards].add(all[i]);
          }
          QuantileSketch merged = QuantileSketch.create(k);
          for (QuantileSketch p : parts) {
            merged.merge(p);
          }
          assertEquals((long) n, merged.count());
          Arrays.sort(all);
          assertEquals(all[0], merged.min());
          assertEquals(all[n - 1], merged.max());
          // The class's contract: rank error at most about log2(n/k)/k of n (plus the rank
          // rounding of 2/n), whatever the stream.
          double bound = Math.max(1, Math.log((double) n / k) / Math.log(2)) / k + 2.0 / n;
          for (double q : new double[] {0.1, 0.5, 0.9}) {
            double v = merged.quantile(q);
            int rank = Math.abs(Arrays.binarySearch(all, v));
            double error = Math.abs(q - (double) rank / n);
            assertTrue(error <= bound, "q " + q + ": rank error " + error + " above " + bound);
            errors.add(error - 2.0 / n);
          }
        });
    // "Far less in practice": a single example can reach 1% (a random seed found 1.03% at
    // n = 16384, one shard; 1 in 3000 in a sweep), but the typical error is about half that.
    double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(mean < 0.0075, "mean rank error " + mean);
  }

  @Test
  @DisplayName("up to k values the sketch is exact")
  void exactWhenSmall() {
    QuantileSketch s = QuantileSketch.create(16);
    s.addAll(new double[] {5, 1, 4, 2, 3});
    assertTrue(s.isExact());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, s.exactValues());
    assertEquals(3, s.quantile(0.5));
    assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> QuantileSketch.create(15));
  }

  @Test
  @DisplayName("histograms bin like NumPy's searchsorted(side=right) and merge with equal edges only")
  void histogram() {
    BinnedHistogram h = BinnedHistogram.withEdges(new double[] {0, 1});
    h.addAll(new double[] {-5, 0, 0.5, 1, 7});
    assertArrayEquals(new long[] {1, 2, 2}, h.counts());
    BinnedHistogram g = h.emptyCopy();
    g.add(0.2);
    h.merge(g);
    assertEquals(6, h.total());
    BinnedHistogram other = BinnedHistogram.withEdges(new double[] {0, 2});
    assertThrows(IllegalArgumentException.class, () -> h.merge(other));
    BinnedHistogram deciles = BinnedHistogram.fromReference(new double[] {1, 1, 1, 1, 2}, 10);
    // NumPy: np.unique(np.quantile([1, 1, 1, 1, 2], np.arange(1, 10) / 10))
    assertArrayEquals(new double[] {1, 1.2, 1.6}, deciles.edges(), 1e-15);
  }

  @Test
  @DisplayName("category counts stay bounded: new categories past the limit go to (other)")
  void categories() {
    CategoryCounts c = CategoryCounts.create(2);
    c.add("a");
    c.add("b");
    c.add("c");
    c.add("a");
    assertEquals(java.util.Map.of("a", 2L, "b", 1L, CategoryCounts.OTHER, 1L), c.asMap());
    CategoryCounts d = CategoryCounts.create(2);
    d.add("b", 5);
    c.merge(d);
    assertEquals(Long.valueOf(6), c.asMap().get("b"));
    assertEquals(9, c.total());
  }

  @Test
  @DisplayName("heavy hitters find the frequent items of a long tail within their stated error")
  void heavyHitters() {
    HeavyHitters h = HeavyHitters.create(20);
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 50_000; i++) {
      double u = r.nextDouble();
      h.add(u < 0.2 ? "macron" : u < 0.3 ? "meloni" : "rare" + r.nextInt(100_000));
    }
    List<HeavyHitters.Entry> top = h.top(2);
    assertEquals("macron", top.get(0).item());
    assertEquals("meloni", top.get(1).item());
    HeavyHitters.Entry e = top.get(0);
    assertTrue(e.count() - e.error() <= 10_200 && e.count() >= 9_800, e.toString());
  }
}
