package dev.ciclo.monitor.report;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.FeatureDistribution;
import dev.ciclo.api.monitor.FeatureDrift;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.performance.AccuracyWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link MonitorReport} as JSON or as a self-contained HTML page with inline SVG charts
 * (one chart of the statistic per window for each subject, drifted windows in red, the threshold
 * dashed; accuracy per window when labels arrived).
 *
 * <p>JSON shape: {@code {"monitor", "createdAt", "recordsRead", "recordsSkipped", "badValues",
 * "badSegments", "windows": [{"index", "start", "end", "records", "skippedRecords", "badValues",
 * "badSegment", "tested", "datasetDrifted", "results": {subject: {"test", "statistic", "pValue",
 * "threshold", "drifted"}}}], "alerts": [{"monitor", "subject", "detector", "severity",
 * "magnitude", "since", "raisedAt", "message", "details": {}}], "accuracy": [{"index", "from",
 * "to", "count", "correct", "accuracy"}]}}; instants in ISO-8601, {@code pValue} null when the
 * test has none. Files are written atomically (a temporary file, then a rename).
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * The report as JSON.
   *
   * @param report the report
   * @return the JSON text
   */
  public static String json(MonitorReport report) {
    Objects.requireNonNull(report, "report");
    Json j = new Json().beginObject()
        .field("monitor", report.monitor())
        .field("createdAt", report.createdAt())
        .field("recordsRead", report.recordsRead())
        .field("recordsSkipped", report.recordsSkipped())
        .field("badValues", report.badValues())
        .field("badSegments", report.badSegments())
        .field("noDataAlerts", report.noDataAlerts());
    j.name("windows").beginArray();
    for (WindowReport w : report.windows()) {
      j.beginObject().field("index", w.index()).field("start", w.start()).field("end", w.end())
          .field("records", w.records()).field("skippedRecords", w.skippedRecords())
          .field("badValues", w.badValues()).field("badSegment", w.badSegment())
          .field("tested", w.tested()).field("datasetDrifted", w.datasetDrifted());
      j.name("results").beginObject();
      for (Map.Entry<String, DriftTestResult> e : w.results().entrySet()) {
        DriftTestResult r = e.getValue();
        j.name(e.getKey()).beginObject().field("test", r.test())
            .field("statistic", r.statistic());
        j.name("pValue").value(r.pValue().isPresent() ? r.pValue().getAsDouble() : Double.NaN);
        j.field("threshold", r.threshold()).field("drifted", r.drifted()).endObject();
      }
      j.endObject().endObject();
    }
    j.endArray();
    j.name("alerts").beginArray();
    for (Alert a : report.alerts()) {
      j.beginObject().field("monitor", a.monitor()).field("subject", a.subject())
          .field("detector", a.detector()).field("severity", a.severity().name())
          .field("magnitude", a.magnitude()).field("since", a.since())
          .field("raisedAt", a.raisedAt()).field("message", a.message())
          .field("details", new java.util.TreeMap<>(a.details())).endObject();
    }
    j.endArray();
    j.name("accuracy").beginArray();
    for (AccuracyWindow a : report.accuracy()) {
      j.beginObject().field("index", a.index()).field("from", a.from()).field("to", a.to())
          .field("count", a.count()).field("correct", a.correct())
          .field("accuracy", a.accuracy()).endObject();
    }
    j.endArray();
    return j.endObject().toString();
  }

  /**
   * A drift report between two datasets as JSON: the verdict, then per feature the test's result
   * and both distributions in their shared bins.
   *
   * @param report the report
   * @return the JSON text
   */
  public static String json(DriftReport report) {
    Objects.requireNonNull(report, "report");
    Json j = new Json().beginObject()
        .field("reference", report.reference()).field("referenceRows", report.referenceRows())
        .field("current", report.current()).field("currentRows", report.currentRows())
        .field("correction", report.correction()).field("alpha", report.alpha())
        .field("share", report.share()).field("driftedShare", report.driftedShare())
        .field("drifted", report.drifted());
    j.name("features").beginArray();
    for (FeatureDrift f : report.features()) {
      DriftTestResult r = f.result();
      j.beginObject().field("name", f.name()).field("test", r.test())
          .field("statistic", r.statistic());
      j.name("pValue").value(r.pValue().isPresent() ? r.pValue().getAsDouble() : Double.NaN);
      j.field("threshold", r.threshold()).field("drifted", r.drifted());
      distribution(j.name("reference"), f.reference());
      distribution(j.name("current"), f.current());
      j.endObject();
    }
    return j.endArray().endObject().toString();
  }

  private static void distribution(Json j, FeatureDistribution d) {
    j.beginObject().field("total", d.total());
    j.name("labels").beginArray();
    d.labels().forEach(j::value);
    j.endArray().name("edges").beginArray();
    d.edges().forEach(j::value);
    j.endArray().name("counts").beginArray();
    d.counts().forEach(c -> j.value((long) c));
    j.endArray().endObject();
  }

  /**
   * Writes a drift report's JSON to a file, atomically.
   *
   * @param report the report
   * @param file the target file
   * @throws CicloException if the file cannot be written
   */
  public static void writeJson(DriftReport report, Path file) {
    write(json(report), file);
  }

  /**
   * The report as a self-contained HTML page.
   *
   * @param report the report
   * @return the HTML text
   */
  public static String html(MonitorReport report) {
    return Html.page(Objects.requireNonNull(report, "report"));
  }

  /**
   * Writes the JSON report to a file, atomically.
   *
   * @param report the report
   * @param file the target file
   * @throws CicloException if the file cannot be written
   */
  public static void writeJson(MonitorReport report, Path file) {
    write(json(report), file);
  }

  /**
   * Writes the HTML report to a file, atomically.
   *
   * @param report the report
   * @param file the target file
   * @throws CicloException if the file cannot be written
   */
  public static void writeHtml(MonitorReport report, Path file) {
    write(html(report), file);
  }

  private static void write(String text, Path file) {
    Objects.requireNonNull(file, "file");
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CicloException("could not write the monitor report to " + file, e);
    }
  }
}
