package dev.ciclo.monitor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.monitor.DriftTestResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchPropertiesTest {
  private static double[] sample(SplittableRandom r, int n, double shift, boolean ties) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v = r.nextDouble() * 4 + shift;
      x[i] = ties ? Math.floor(v * 3) : v;
    }
    return x;
  }

  @Test
  @DisplayName("property: KS is symmetric, in range, and a sample against itself has D = 0 and p = 1")
  void ksInvariants() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(1, 3_000), integers().between(1, 3_000),
            integers().between(0, 1))
        .checkAssert((seed, n, m, ties) -> {
          SplittableRandom r = new SplittableRandom(seed);
          double[] a = sample(r, n, 0, ties == 1);
          double[] b = sample(r, m, 0.3, ties == 1);
          DriftTestResult ab = KolmogorovSmirnov.create().test(a, b);
          DriftTestResult ba = KolmogorovSmirnov.create().test(b, a);
          assertEquals(ab.statistic(), ba.statistic(), 1e-15);
          assertEquals(ab.pValue().getAsDouble(), ba.pValue().getAsDouble(), 1e-12);
          assertTrue(ab.statistic() >= 0 && ab.statistic() <= 1);
          DriftTestResult aa = KolmogorovSmirnov.create().test(a, a.clone());
          assertEquals(0.0, aa.statistic());
          assertEquals(1.0, aa.pValue().getAsDouble());
        });
  }

  @Test
  @DisplayName("property: Wasserstein is symmetric, zero on identical samples, and a shift moves it by the shift")
  void wassersteinInvariants() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(1, 2_000))
        .checkAssert((seed, n) -> {
          SplittableRandom r = new SplittableRandom(seed);
          double[] a = sample(r, n, 0, false);
          double[] b = a.clone();
          for (int i = 0; i < b.length; i++) {
            b[i] += 0.75;
          }
          assertEquals(0.75, Wasserstein.distance(a, b), 1e-9);
          assertEquals(Wasserstein.distance(a, b), Wasserstein.distance(b, a), 1e-12);
          assertEquals(0.0, Wasserstein.distance(a, a.clone()), 1e-15);
        });
  }

  @Test
  @DisplayName("property: BH rejects a superset of Bonferroni's rejections and never more than none")
  void correctionsAreNested() {
    qt().withExamples(200)
        .forAll(longs().all(), integers().between(1, 50))
        .checkAssert((seed, m) -> {
          SplittableRandom r = new SplittableRandom(seed);
          double[] p = new double[m];
          for (int i = 0; i < m; i++) {
            p[i] = r.nextDouble() < 0.3 ? r.nextDouble() * 0.01 : r.nextDouble();
          }
          boolean[] bonf = Correction.BONFERRONI.reject(p, 0.05);
          boolean[] bh = Correction.BENJAMINI_HOCHBERG.reject(p, 0.05);
          boolean[] none = Correction.NONE.reject(p, 0.05);
          for (int i = 0; i < m; i++) {
            assertTrue(!bonf[i] || bh[i], "Bonferroni rejects what BH keeps");
            assertTrue(!bh[i] || none[i], "BH rejects what no correction keeps");
          }
        });
  }
}
