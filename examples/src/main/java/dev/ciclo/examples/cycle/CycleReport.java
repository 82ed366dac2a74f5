package dev.ciclo.examples.cycle;

import com.google.common.html.HtmlEscapers;
import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.scope.ProjectSpec;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.report.ReportWriter;
import dev.ciclo.report.Charts;
import dev.ciclo.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The report folder: the printed story, an HTML page with the analyses, and PNG charts. */
final class CycleReport {
  static final String CHART = "noisy-slice-before-after.png";
  private final Path dir;

  CycleReport(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  void write(String text, ProjectSpec spec, ErrorAnalysis before, ErrorAnalysis after,
      LearningCurve curve, BiasVariance bv, CycleResult r, MonitorReport monitor) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
      Reports.writePng(beforeAfter(r), dir.resolve(CHART));
      Reports.writePng(Charts.learningCurve(curve), dir.resolve("learning-curve.png"));
      Reports.writePng(Charts.sliceErrors(before.slices(), before.overall().error(), 10),
          dir.resolve("slice-errors-first-model.png"));
      ReportWriter.writeHtml(monitor, dir.resolve("monitor.html"));
      ReportWriter.writeJson(monitor, dir.resolve("monitor.json"));
      String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Ciclo: the full"
          + " cycle</title></head><body>\n<h1>The full cycle on spoken digits</h1>\n"
          + "<p>" + esc(spec.task()) + "; metric " + spec.metric() + ", target error "
          + spec.targetError() + ".</p>\n"
          + "<h2>Car noise before and after augmentation</h2>\n<img src=\"" + CHART + "\">\n"
          + "<h2>First model</h2>\n" + Reports.html(before)
          + Reports.html(curve) + Reports.html(bv)
          + "<h2>After vehicle-noise augmentation</h2>\n" + Reports.html(after)
          + "<h2>Monitoring</h2>\n<p><a href=\"monitor.html\">the monitor's report</a></p>\n"
          + "<h2>What was printed</h2>\n<pre>" + esc(text) + "</pre>\n</body></html>\n";
      Files.writeString(dir.resolve("report.html"), html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
  }

  /** Accuracy on the clean and the car-noise dev clips, before and after augmentation. */
  static CategoryChart beforeAfter(CycleResult r) {
    CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("Dev accuracy before and after vehicle-noise augmentation")
        .yAxisTitle("accuracy").build();
    List<String> x = List.of("clean dev clips", "dev clips with car noise");
    c.addSeries("first model", x, List.of(r.devCleanAccuracyBefore(), 1 - r.noisyErrorBefore()));
    c.addSeries("after augmentation", x, List.of(r.devCleanAccuracyAfter(),
        1 - r.noisyErrorAfter()));
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    return c;
  }

  static String times(Map<String, Double> seconds) {
    return seconds.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(),
        e.getValue())).collect(Collectors.joining(", "));
  }

  static String describe(MaintenanceEvent e) {
    if (e instanceof MaintenanceEvent.Triggered t) {
      return "triggered: " + t.trigger().kind() + " (" + t.trigger().reason() + ")";
    } else if (e instanceof MaintenanceEvent.DatasetBuilt d) {
      return String.format(Locale.ROOT, "training set: %d examples, %d from the log; %d kept"
          + " apart as fresh data; %d raw WAV clips from the log decoded and run through the"
          + " recipe's features; %d left out for consent (monitoring only)", d.trainSize(),
          d.fromLog(), d.freshSize(), d.rawInputsUsed(), d.withoutTrainingConsent());
    } else if (e instanceof MaintenanceEvent.ChallengerTrained c) {
      return "challenger trained: run " + c.run().runId();
    } else if (e instanceof MaintenanceEvent.Evaluated v) {
      return "evaluated on the same fresh data: " + new java.util.TreeMap<>(v.evidence());
    } else if (e instanceof MaintenanceEvent.GateDecided g) {
      return "gate: " + g.decision().verdict() + " " + g.decision().reasons();
    } else if (e instanceof MaintenanceEvent.Promoted p) {
      return "promoted: " + p.change();
    } else if (e instanceof MaintenanceEvent.WatchPassed w) {
      return "watch passed: version " + w.version() + " stays champion";
    } else if (e instanceof MaintenanceEvent.RolledBack r) {
      return "rolled back: " + r.reason();
    } else if (e instanceof MaintenanceEvent.Rejected r) {
      return "rejected: the champion stays (run " + r.runId() + ")";
    }
    return e.toString();
  }

  private static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }
}
