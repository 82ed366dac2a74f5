package dev.ciclo.monitor.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.DriftTestResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchRulesTest {
  @Test
  @DisplayName("Benjamini-Hochberg rejects the k smallest p-values with p(k) <= k alpha / m (worked example)")
  void benjaminiHochberg() {
    // m = 10, alpha = 0.05: cut-offs 0.005, 0.010, 0.015, 0.020, 0.025, ...
    double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.060, 0.074, 0.205, 0.212, 0.216};
    // p(2) = 0.008 <= 0.010; p(3) = 0.039 > 0.015, ..., no later p(k) under k*0.005: k = 2
    assertEquals(0.010, Correction.BENJAMINI_HOCHBERG.threshold(p, 0.05), 1e-15);
    assertArrayEquals(
        new boolean[] {true, true, false, false, false, false, false, false, false, false},
        Correction.BENJAMINI_HOCHBERG.reject(p, 0.05));
    // Bonferroni: 0.005 -> only the first
    assertArrayEquals(
        new boolean[] {true, false, false, false, false, false, false, false, false, false},
        Correction.BONFERRONI.reject(p, 0.05));
    // none: every p <= 0.05
    assertEquals(5, count(Correction.NONE.reject(p, 0.05)));
  }

  @Test
  @DisplayName("BH's step-up: a later p-value under its cut-off rescues earlier ones")
  void stepUp() {
    double[] p = {0.03, 0.04, 0.045, 0.048};
    // k = 4: 0.048 <= 0.05 -> all four rejected although 0.03 > 0.0125
    assertEquals(4, count(Correction.BENJAMINI_HOCHBERG.reject(p, 0.05)));
    assertEquals(0, count(Correction.BONFERRONI.reject(p, 0.05)));
  }

  private static int count(boolean[] b) {
    int c = 0;
    for (boolean x : b) {
      c += x ? 1 : 0;
    }
    return c;
  }

  @Test
  @DisplayName("on 100 stable features, no correction flags about 5, Bonferroni and BH almost none")
  void correctionCutsFalseAlarms() {
    SplittableRandom r = new SplittableRandom(5);
    int none = 0;
    int bonf = 0;
    int bh = 0;
    for (int run = 0; run < 20; run++) {
      double[] p = new double[100];
      for (int i = 0; i < p.length; i++) {
        p[i] = r.nextDouble(); // uniform p-values: the null holds everywhere
      }
      none += count(Correction.NONE.reject(p, 0.05));
      bonf += count(Correction.BONFERRONI.reject(p, 0.05));
      bh += count(Correction.BENJAMINI_HOCHBERG.reject(p, 0.05));
    }
    assertTrue(none > 60 && none < 140, "uncorrected " + none);
    assertTrue(bonf <= 3, "bonferroni " + bonf);
    assertTrue(bh <= 5, "bh " + bh);
  }

  @Test
  @DisplayName("the dataset drifts when at least half the features drift after correction")
  void datasetRule() {
    Map<String, DriftTestResult> in = new LinkedHashMap<>();
    in.put("a", new DriftTestResult("ks", 0.3, OptionalDouble.of(0.001), 0.05, true));
    in.put("b", new DriftTestResult("ks", 0.1, OptionalDouble.of(0.04), 0.05, true));
    in.put("c", new DriftTestResult("wasserstein", 0.2, OptionalDouble.empty(), 0.1, true));
    in.put("d", new DriftTestResult("ks", 0.05, OptionalDouble.of(0.5), 0.05, false));
    DatasetDrift.Result r = DatasetDrift.create().evaluate(in);
    // p-values 0.001, 0.04, 0.5 with BH at 0.05: cut-offs 0.0167, 0.033, 0.05 -> only 0.001
    assertEquals(List.of("a", "c"), r.driftedFeatures());
    assertEquals(0.5, r.driftedShare(), 1e-15);
    assertTrue(r.drifted());
    assertEquals(0.05 / 3, r.features().get("b").threshold(), 1e-15);
    DatasetDrift strict = DatasetDrift.builder().share(0.75).build();
    assertFalse(strict.evaluate(in).drifted());
    DatasetDrift plain = DatasetDrift.builder().correction(Correction.NONE).build();
    assertEquals(List.of("a", "b", "c"), plain.evaluate(in).driftedFeatures());
  }

  @Test
  @DisplayName("the automatic choice follows Evidently: p-value tests up to 1,000 reference rows, distances above")
  void selection() {
    assertInstanceOf(KolmogorovSmirnov.class, TestSelection.numeric(1_000));
    assertInstanceOf(Wasserstein.class, TestSelection.numeric(1_001));
    assertInstanceOf(ChiSquare.class, TestSelection.categorical(999));
    assertTrue(TestSelection.categorical(5_000).name().startsWith("jensen-shannon"));
    assertThrows(IllegalArgumentException.class, () -> TestSelection.numeric(-1));
  }

  @Test
  @DisplayName("on a big sample a negligible shift is significant for KS but not a drift for Wasserstein")
  void bigSamplesNeedDistances() {
    SplittableRandom r = new SplittableRandom(9);
    double[] a = new double[200_000];
    double[] b = new double[200_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble();
      b[i] = r.nextDouble() + 0.01; // a hundredth of the range
    }
    assertTrue(KolmogorovSmirnov.create().test(a, b).drifted());
    assertFalse(Wasserstein.create().test(a, b).drifted());
  }

  @Test
  @DisplayName("bad samples get errors naming the parameter and the value")
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KolmogorovSmirnov.create().test(new double[] {1, Double.NaN}, new double[] {1}));
    assertTrue(e.getMessage().contains("reference[1] was NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Wasserstein.create().test(new double[] {1}, new double[0]));
    assertTrue(e.getMessage().contains("current must not be empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ChiSquare.create().test(Map.of("a", 3L), Map.of("a", -1L)));
    assertTrue(e.getMessage().contains("a was -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.create(0));
    assertTrue(e.getMessage().contains("alpha must be between 0 and 1 (exclusive) but was 0.0"));
  }

  @Test
  @DisplayName("a null count or category in a chi-square map is a clear error naming it")
  void nullCounts() {
    Map<String, Long> ref = new LinkedHashMap<>();
    ref.put("a", 3L);
    ref.put("b", null);
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> ChiSquare.create().test(ref, Map.of("a", 2L)));
    assertEquals("reference count of category 'b' is null (a count is 0 or more)",
        e.getMessage());
    Map<String, Long> cur = new LinkedHashMap<>();
    cur.put(null, 1L);
    e = assertThrows(NullPointerException.class,
        () -> ChiSquare.create().test(Map.of("a", 2L), cur));
    assertEquals("current has a null category", e.getMessage());
  }

  @Test
  @DisplayName("normed Wasserstein with a reference of no spread (one value, or all equal) is"
      + " scaled by both samples' spread: 0 when unchanged, finite and defined otherwise")
  void wassersteinWithoutSpread() {
    Wasserstein w = Wasserstein.create();
    assertEquals(0.0, w.test(new double[] {0.1, 0.1, 0.1}, new double[] {0.1, 0.1}).statistic());
    assertFalse(w.test(new double[] {5}, new double[] {5, 5, 5}).drifted());
    // reference all 0, current all 1: raw distance 1, both together have std 0.5
    DriftTestResult r = w.test(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1});
    assertEquals(2.0, r.statistic(), 1e-12);
    assertTrue(r.drifted());
    // one reference value 10, current 10 and 11: raw 0.5, std of {10, 10, 11} = 0.4714
    assertEquals(0.5 / Math.sqrt(2.0 / 9), w.test(new double[] {10}, new double[] {10, 11})
        .statistic(), 1e-12);
  }

  @Test
  @DisplayName("a category never seen in the reference is a finite, counted difference")
  void unseenCategory() {
    Map<String, Long> ref = Map.of("anna", 500L, "bob", 500L);
    Map<String, Long> cur = Map.of("anna", 400L, "bob", 400L, "new-politician", 200L);
    DriftTestResult chi = ChiSquare.create().test(ref, cur);
    assertTrue(chi.drifted() && Double.isFinite(chi.statistic()));
    assertTrue(JensenShannon.create().categorical().test(ref, cur).drifted());
    assertTrue(PopulationStability.create().categorical().test(ref, cur).drifted());
  }
}
