package dev.ciclo.monitor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.FeatureDrift;
import dev.ciclo.monitor.report.ReportWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DriftReports compares two datasets in one call")
class DriftReportsTest {
  /** Rows of five numeric features and one category; {@code shift} moves x1 and x3. */
  private static Dataset<double[], String> rows(String name, int n, long seed, double shift,
      double cityShare) {
    Random r = new Random(seed);
    List<Example<double[], String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v = new double[6];
      for (int j = 0; j < 5; j++) {
        v[j] = r.nextGaussian() + (j == 1 || j == 3 ? shift : 0);
      }
      v[5] = r.nextDouble() < cityShare ? 1 : 0;
      out.add(Example.of(name + i, v, "y"));
    }
    return Dataset.of(name, out);
  }

  private static final Function<double[], Map<String, Signal>> SIGNALS = v -> {
    Map<String, Signal> m = new LinkedHashMap<>();
    for (int j = 0; j < 5; j++) {
      m.put("x" + j, Signal.of(v[j]));
    }
    m.put("city", Signal.of(v[5] == 1 ? "Lisbon" : "Porto"));
    return m;
  };

  private static double[] column(Dataset<double[], String> d, int j) {
    return d.stream().mapToDouble(e -> e.input()[j]).toArray();
  }

  @Test
  @DisplayName("small reference: KS and chi-square, corrected together; the shifted features"
      + " and only they drift")
  void smallReference() {
    Dataset<double[], String> ref = rows("train", 800, 1, 0, 0.5);
    Dataset<double[], String> cur = rows("live", 600, 2, 0.5, 0.5);
    DriftReport r = DriftReports.create().compare(ref, cur, SIGNALS);
    assertEquals(List.of("x1", "x3"), r.driftedFeatures());
    assertFalse(r.drifted(), "2 of 6 features is below the 50% share");
    assertEquals(2.0 / 6, r.driftedShare(), 1e-12);
    assertEquals(800, r.referenceRows());
    assertEquals("BENJAMINI_HOCHBERG", r.correction());
    // each p-value is the plain two-sample test's (checked against SciPy in ScipyGoldenTest)
    double[] ps = new double[6];
    for (int j = 0; j < 5; j++) {
      DriftTestResult plain = KolmogorovSmirnov.create().test(column(ref, j), column(cur, j));
      FeatureDrift f = r.features().get(j);
      assertEquals("x" + j, f.name());
      assertEquals("ks", f.result().test());
      assertEquals(plain.statistic(), f.result().statistic(), 1e-12);
      assertEquals(plain.pValue().getAsDouble(), f.result().pValue().getAsDouble(), 1e-12);
      ps[j] = plain.pValue().getAsDouble();
    }
    FeatureDrift city = r.features().get(5);
    assertEquals("chi-square", city.result().test());
    ps[5] = city.result().pValue().getAsDouble();
    double cut = Correction.BENJAMINI_HOCHBERG.threshold(ps, 0.05);
    r.features().forEach(f -> assertEquals(cut, f.result().threshold(), 1e-15));
    // distributions side by side, in shared bins, counting every row
    FeatureDrift x1 = r.features().get(1);
    assertEquals(800, x1.reference().counts().stream().mapToLong(Long::longValue).sum());
    assertEquals(600, x1.current().total());
    assertEquals(10, x1.reference().labels().size(), "reference deciles");
    assertTrue(x1.current().shares().get(9) > 0.2, "the shifted current piles into the top bin");
    assertEquals(List.of("Lisbon", "Porto"), city.reference().labels().stream().sorted()
        .toList());
  }

  @Test
  @DisplayName("large reference: Wasserstein and Jensen-Shannon; a category shift is found")
  void largeReference() {
    DriftReport r = DriftReports.create().compare(rows("train", 5000, 3, 0, 0.5),
        rows("live", 4000, 4, 0.5, 0.9), SIGNALS);
    assertEquals("wasserstein", r.features().get(0).result().test());
    assertEquals("jensen-shannon", r.features().get(5).result().test());
    assertEquals(List.of("x1", "x3", "city"), r.driftedFeatures());
    assertTrue(r.drifted(), "3 of 6 reaches the 50% share");
    String json = ReportWriter.json(r);
    assertTrue(json.startsWith("{\"reference\":\"train\",\"referenceRows\":5000,"), json);
    assertTrue(json.contains("\"name\":\"city\",\"test\":\"jensen-shannon\""), json);
  }

  @Test
  @DisplayName("a dataset against a window of the log: the records' signals")
  void logWindow() {
    Dataset<double[], String> ref = rows("train", 500, 5, 0, 0.5);
    List<PredictionRecord> window = new ArrayList<>();
    Instant t = Instant.parse("2026-12-06T10:00:00Z");
    for (Example<double[], String> e : rows("live", 300, 6, 1.0, 0.5)) {
      window.add(PredictionRecord.of(e.id(), t, "m", "1", SIGNALS.apply(e.input()), "y",
          Map.of(), Duration.ofMillis(1), Consent.MONITORING, ""));
    }
    DriftReport r = DriftReports.create().compare(ref, SIGNALS, "log 10:00", window);
    assertEquals("log 10:00", r.current());
    assertEquals(300, r.currentRows());
    assertEquals(List.of("x1", "x3"), r.driftedFeatures());
  }

  @Test
  @DisplayName("the log monitor takes its reference from a dataset")
  void monitorReference() {
    assertEquals("m", dev.ciclo.monitor.LogMonitor.builder("m")
        .reference(rows("train", 200, 7, 0, 0.5), SIGNALS).build().name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dev.ciclo.monitor.LogMonitor.builder("m").reference(DataProfile.create("none")));
    assertEquals("reference none has no feature to watch (0 rows)", e.getMessage());
  }

  @Test
  @DisplayName("no shared feature and empty data are refused by name")
  void refusals() {
    DataProfile a = DataProfile.create("a");
    a.addColumn("x", new double[] {1, 2, 3});
    DataProfile b = DataProfile.create("b");
    b.addColumn("y", new double[] {1, 2, 3});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DriftReports.create().compare(a, b));
    assertEquals("a and b share no feature: reference has [x] [], current has [y] []",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DriftReports.create().compare(a, DataProfile.create("empty")));
    assertEquals("cannot compare a (3 rows) with empty (0 rows): both need rows", e.getMessage());
  }
}
