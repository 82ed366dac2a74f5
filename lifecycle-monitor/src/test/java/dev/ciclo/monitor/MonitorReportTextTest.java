package dev.ciclo.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.monitor.batch.Correction;
import dev.ciclo.monitor.batch.DatasetDrift;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MonitorReportTextTest {
  private static final Instant T = Instant.parse("2026-12-06T03:00:00Z");
  private static final DatasetDrift RULE = DatasetDrift.builder().alpha(0.001)
      .correction(Correction.BONFERRONI).build();

  private static MonitorReport report() {
    Map<String, DriftTestResult> quiet = new LinkedHashMap<>();
    quiet.put("feature:mfcc3", new DriftTestResult("ks", 0.08, OptionalDouble.of(7.35e-4),
        2.5e-4, false));
    quiet.put("feature:mfcc4", new DriftTestResult("ks", 0.02, OptionalDouble.of(0.4), 2.5e-4,
        false));
    Map<String, DriftTestResult> drifted = Map.of("feature:mfcc3", new DriftTestResult("ks", 0.31,
        OptionalDouble.of(1e-9), 2.5e-4, true));
    Alert alert = new Alert("digits", "feature:mfcc3", "ks", Severity.CRITICAL, 0.31,
        T.plusSeconds(60), T.plusSeconds(120), "input feature mfcc3 drifted", Map.of());
    return new MonitorReport("digits", T.plusSeconds(130), List.of(
        new WindowReport(0, T, T.plusSeconds(60), 200, 0, 0, false, true, quiet, false),
        new WindowReport(1, T.plusSeconds(60), T.plusSeconds(120), 200, 0, 0, false, true,
            drifted, true)), List.of(alert), List.of(), 400, 0, 0, 0, 0, RULE);
  }

  @Test
  @DisplayName("a monitor report prints as tables, one line per window, not one long line")
  void tables() {
    assertEquals(String.join("\n",
        "monitor digits, report of 2026-12-06T03:02:10Z: 400 records read, 0 skipped, 0 bad"
            + " values, 0 bad segments, 0 no-data alerts",
        "decision rule: " + RULE.describe(),
        "window   records  tested  dataset  drifted subjects",
        "     0       200  yes     -        -",
        "     1       200  yes     DRIFT    feature:mfcc3",
        "decisions that drifted, or were significant before the correction:",
        "  window 0, feature:mfcc3: ks p-value 0.000735 > corrected threshold 0.000250 (alpha"
            + " 0.001, Bonferroni): no drift",
        "  window 1, feature:mfcc3: ks p-value 1.00e-09 <= corrected threshold 0.000250 (alpha"
            + " 0.001, Bonferroni): drift",
        "alerts:",
        "  2026-12-06T03:02:00Z CRITICAL feature:mfcc3 (ks, magnitude 0.3100): input feature"
            + " mfcc3 drifted",
        ""), report().toString());
  }

  @Test
  @DisplayName("the decision rule says its level and its correction in words")
  void ruleInWords() {
    assertEquals("each feature's p-value test at alpha 0.001 with the Bonferroni correction, so"
        + " each test is held to alpha divided by the number of tests (at most alpha chance of"
        + " any false alarm); the dataset drifts when at least 50% of its features drift",
        RULE.describe());
    assertTrue(DatasetDrift.builder().build().describe().contains("Benjamini-Hochberg"));
    assertEquals("ks p-value 0.0300 <= threshold 0.0500 (alpha 0.05): drift",
        DatasetDrift.builder().correction(Correction.NONE).build().explain(
            new DriftTestResult("ks", 0.2, OptionalDouble.of(0.03), 0.05, true)));
    assertEquals("psi 0.2500 >= threshold 0.2000: drift", RULE.explain(
        new DriftTestResult("psi", 0.25, OptionalDouble.empty(), 0.2, true)));
  }
}
