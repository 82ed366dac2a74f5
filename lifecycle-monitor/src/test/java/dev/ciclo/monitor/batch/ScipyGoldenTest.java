package dev.ciclo.monitor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.internal.KsDistribution;
import dev.ciclo.monitor.sketch.QuantileSketch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Statistics and p-values against SciPy 1.10.1 on the same seeded samples
 * ({@code src/test/python/scipy_golden.py} writes {@code scipy/golden.txt}).
 *
 * <p>Tolerances (relative unless said): KS statistic 1e-12 absolute; KS p-value 1e-12 for the
 * exact method (both samples at most 10,000) and 1e-8 for the asymptotic one (measured: below
 * 1e-13 on every two-sample case; 2.3e-9 on kstwo.sf(0.004, 250000), where SciPy's Smirnov
 * series differs in the last digits); chi-square statistic 1e-12 and p-value 1e-10 (measured
 * below 1e-13); Wasserstein, PSI and Jensen-Shannon 1e-10.
 */
class ScipyGoldenTest {
  private static final List<Map<String, String>> BLOCKS = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ScipyGoldenTest.class.getResourceAsStream("/scipy/golden.txt"),
        StandardCharsets.UTF_8))) {
      Map<String, String> block = new HashMap<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.isBlank()) {
          if (!block.isEmpty()) {
            BLOCKS.add(block);
          }
          block = new HashMap<>();
          continue;
        }
        int sp = line.indexOf(' ');
        block.put(line.substring(0, sp), line.substring(sp + 1));
      }
      if (!block.isEmpty()) {
        BLOCKS.add(block);
      }
    }
  }

  private static double[] numbers(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static Map<String, Long> counts(String s) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String kv : s.trim().split(" ")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
    }
    return m;
  }

  private static void assertRel(double expected, double actual, double rel, String what) {
    double tol = rel * Math.max(Math.abs(expected), 1e-300);
    assertEquals(expected, actual, tol, what);
  }

  /**
   * SciPy 1.10.1's {@code ks_2samp(x, y, method="exact").pvalue} for unequal sizes, from the far
   * tail to the middle: {n, m, statistic, p}. Written by {@code
   * src/test/python/ks_exact_tail.py}.
   */
  private static final double[][] KS_EXACT_TAIL = {
      {100, 150, 0.7333333333333333, 8.233119995445746e-32},
      {100, 150, 1.0, 3.2986836345349723e-72},
      {37, 53, 0.8113207547169812, 5.499728019510429e-15},
      {300, 450, 0.9111111111111111, 6.7185195750020645e-161},
      {500, 700, 0.9428571428571428, 6.169598228476774e-287},
      {2000, 3000, 0.5, 2.4053939919254857e-273},
      {120, 7, 0.5714285714285714, 0.014776296861824299},
      {200, 300, 0.06666666666666667, 0.6434024642847772},
      {200, 300, 0.19333333333333333, 0.0002231597561099285},
      {400, 250, 0.2295, 1.3788715343621656e-07},
      {1000, 1500, 0.171, 9.06076056474164e-16},
      {800, 1300, 0.37432692307692306, 2.564538306552462e-62},
      {3000, 2000, 0.17116666666666666, 3.818553211551582e-31},
      {90, 2000, 0.5862222222222222, 1.4626141679665766e-28},
  };

  @Test
  @DisplayName("the exact KS p-value for unequal sizes matches SciPy to a relative 1e-6 from 0.64"
      + " down to 1e-287 (it is computed as the tail itself, not as 1 - P(inside))")
  void ksExactTail() {
    for (double[] c : KS_EXACT_TAIL) {
      double p = KsDistribution.pValue((long) c[0], (long) c[1], c[2]);
      assertRel(c[3], p, 1e-6, "p(" + (long) c[0] + ", " + (long) c[1] + ", " + c[2] + ")");
    }
  }

  @Test
  @DisplayName("KS, Wasserstein, PSI and Jensen-Shannon agree with SciPy on numeric samples")
  void numeric() {
    int cases = 0;
    for (Map<String, String> b : BLOCKS) {
      if (!b.containsKey("numeric")) {
        continue;
      }
      cases++;
      String name = b.get("numeric");
      double[] a = numbers(b.get("a"));
      double[] c = numbers(b.get("b"));
      double[] ks = numbers(b.get("ks"));
      DriftTestResult r = KolmogorovSmirnov.create().test(a, c);
      assertEquals(ks[0], r.statistic(), 1e-12, name + " ks statistic");
      boolean exact = Math.max(a.length, c.length) <= KsDistribution.MAX_EXACT;
      assertRel(ks[1], r.pValue().getAsDouble(), exact ? 1e-12 : 1e-8, name + " ks p-value");
      assertEquals(ks[1] < 0.05, r.drifted(), name + " ks decision");

      assertRel(numbers(b.get("wasserstein"))[0], Wasserstein.distance(a, c), 1e-10, name);
      assertRel(numbers(b.get("wasserstein_normed"))[0],
          Wasserstein.create().test(a, c).statistic(), 1e-10, name + " normed");
      assertRel(numbers(b.get("psi"))[0],
          PopulationStability.create().numeric().test(a, c).statistic(), 1e-10, name + " psi");
      assertRel(numbers(b.get("js"))[0],
          JensenShannon.create().numeric().test(a, c).statistic(), 1e-10, name + " js");
    }
    assertEquals(9, cases);
  }

  @Test
  @DisplayName("chi-square, PSI and Jensen-Shannon agree with SciPy on counts, unseen categories included")
  void categorical() {
    int cases = 0;
    for (Map<String, String> b : BLOCKS) {
      if (!b.containsKey("categorical")) {
        continue;
      }
      cases++;
      String name = b.get("categorical");
      Map<String, Long> ref = counts(b.get("ref"));
      Map<String, Long> cur = counts(b.get("cur"));
      double[] chi = numbers(b.get("chi2"));
      DriftTestResult r = ChiSquare.create().test(ref, cur);
      assertRel(chi[0], r.statistic(), 1e-12, name + " chi2");
      assertRel(chi[1], r.pValue().getAsDouble(), 1e-10, name + " chi2 p");
      assertRel(numbers(b.get("js"))[0],
          JensenShannon.create().categorical().test(ref, cur).statistic(), 1e-10, name + " js");
      assertRel(numbers(b.get("psi"))[0],
          PopulationStability.create().categorical().test(ref, cur).statistic(), 1e-10, name);
    }
    assertEquals(5, cases);
  }

  @Test
  @DisplayName("the one-sample KS tail used for big samples agrees with SciPy's kstwo.sf")
  void kstwo() {
    int cases = 0;
    for (Map<String, String> b : BLOCKS) {
      if (!b.containsKey("kstwo")) {
        continue;
      }
      cases++;
      double[] v = numbers(b.get("kstwo"));
      long n = (long) v[0];
      // pValue(n, m) with m = n*n... use sizes whose round(n*m/(n+m)) is n: m huge is not exact,
      // so call through sizes 2n and 2n (en = n) above the exact limit
      double p = KsDistribution.pValue(2 * n, 2 * n, v[1]);
      if (2 * n > KsDistribution.MAX_EXACT) {
        assertRel(v[2], p, 1e-8, "kstwo.sf(" + v[1] + ", " + n + ")");
      }
    }
    assertEquals(6, cases);
  }

  @Test
  @DisplayName("KS on exact sketches equals KS on arrays; on compacted sketches the statistic is close")
  void sketches() {
    Map<String, String> b = BLOCKS.stream()
        .filter(x -> "n11000_10500_asymp".equals(x.get("numeric"))).findFirst().orElseThrow();
    double[] a = numbers(b.get("a"));
    double[] c = numbers(b.get("b"));
    QuantileSketch sa = QuantileSketch.create();
    QuantileSketch sc = QuantileSketch.create();
    sa.addAll(a);
    sc.addAll(c);
    assertFalse(sa.isExact());
    DriftTestResult exact = KolmogorovSmirnov.create().test(a, c);
    DriftTestResult approx = KolmogorovSmirnov.create().test(sa, sc);
    assertEquals(exact.statistic(), approx.statistic(), 0.01);
    assertEquals(exact.drifted(), approx.drifted());
    assertEquals(Wasserstein.create().test(a, c).statistic(),
        Wasserstein.create().test(sa, sc).statistic(), 0.01);

    QuantileSketch small1 = QuantileSketch.create();
    QuantileSketch small2 = QuantileSketch.create();
    small1.addAll(Arrays.copyOf(a, 500));
    small2.addAll(Arrays.copyOf(c, 400));
    assertTrue(small1.isExact());
    assertEquals(KolmogorovSmirnov.create().test(Arrays.copyOf(a, 500), Arrays.copyOf(c, 400)),
        KolmogorovSmirnov.create().test(small1, small2));
  }
}
