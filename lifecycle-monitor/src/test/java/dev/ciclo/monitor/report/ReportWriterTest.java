package dev.ciclo.monitor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.performance.AccuracyWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  /** Jackson, failing on duplicate keys too: the writer's output must be plain, strict JSON. */
  static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static final String NASTY = "quote \" backslash \\ newline \n tab \t bell \u0007 </script> é 名 \u2028";

  static MonitorReport sample() {
    Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
    List<WindowReport> windows = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      Map<String, DriftTestResult> r = new LinkedHashMap<>();
      r.put("feature:noise", new DriftTestResult("ks", 0.02 + 0.1 * Math.max(0, w - 2),
          OptionalDouble.of(w > 2 ? 1e-9 : 0.4), 0.001, w > 2));
      r.put("feature:" + NASTY, new DriftTestResult("wasserstein", 0.05, OptionalDouble.empty(),
          0.1, false));
      windows.add(new WindowReport(w, t0.plusSeconds(600L * w), t0.plusSeconds(600L * (w + 1)),
          500, 3, 7, w == 1, w != 1, r, w > 2));
    }
    Alert a = new Alert("digits", "feature:noise", "ks", Severity.CRITICAL, 0.32,
        t0.plusSeconds(1800), t0.plusSeconds(2400), NASTY, Map.of("pValue", "1e-9", "k", NASTY));
    return new MonitorReport("digits", t0.plusSeconds(3600), windows, List.of(a),
        List.of(new AccuracyWindow(0, t0, t0.plusSeconds(60), 500, 450)), 3000, 18, 42, 1, 0);
  }

  @Test
  @DisplayName("the JSON parses (Jackson, strict), escapes every awkward character and keeps every"
      + " value")
  void jsonRoundTrip() throws Exception {
    String json = ReportWriter.json(sample());
    assertFalse(json.contains("</script>"), "'<' must be escaped for embedding");
    JsonNode root = STRICT.readTree(json);
    assertEquals("digits", root.get("monitor").textValue());
    assertEquals(3000.0, root.get("recordsRead").doubleValue());
    assertEquals(1.0, root.get("badSegments").doubleValue());
    JsonNode windows = root.get("windows");
    assertEquals(6, windows.size());
    JsonNode w1 = windows.get(1);
    assertEquals(true, w1.get("badSegment").booleanValue());
    assertEquals(false, w1.get("tested").booleanValue());
    JsonNode results = windows.get(4).get("results");
    JsonNode noise = results.get("feature:noise");
    assertEquals(1e-9, noise.get("pValue").doubleValue(), 1e-24);
    assertEquals(0.22, noise.get("statistic").doubleValue(), 1e-12);
    assertTrue(results.get("feature:" + NASTY).path("pValue").isMissingNode()
        || results.get("feature:" + NASTY).get("pValue").isNull());
    JsonNode alert = root.get("alerts").get(0);
    assertEquals(NASTY, alert.get("message").textValue());
    assertEquals(NASTY, alert.get("details").get("k").textValue());
    assertEquals("2026-11-27T08:30:00Z", alert.get("since").textValue());
    assertEquals(0.9, root.get("accuracy").get(0).get("accuracy").doubleValue(), 1e-12);
  }

  @Test
  @DisplayName("the HTML page is self-contained, escapes text and draws one SVG chart per subject")
  void html(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/monitor.html");
    ReportWriter.writeHtml(sample(), file);
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("</script>"));
    assertTrue(html.contains("&lt;/script&gt;"));
    assertEquals(3, html.split("<svg ", -1).length - 1, "two subjects and accuracy");
    assertTrue(html.contains("fill=\"#c00\""), "drifted windows are red");
    assertTrue(html.contains("stroke-dasharray"), "the distance threshold is drawn");
    assertFalse(html.contains("http://") && html.contains("<script src"));
    Path json = dir.resolve("monitor.json");
    ReportWriter.writeJson(sample(), json);
    assertEquals(ReportWriter.json(sample()), Files.readString(json));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
    }
  }
}
