package dev.ciclo.monitor;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.batch.DatasetDrift;
import dev.ciclo.monitor.performance.AccuracyWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link MonitorReport} as plain-text tables ({@link MonitorReport#toString()}). */
final class MonitorReportText {
  private MonitorReportText() {}

  static String render(MonitorReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "monitor %s, report of %s: %d records read, %d skipped,"
        + " %d bad values, %d bad segments, %d no-data alerts%n", r.monitor(), r.createdAt(),
        r.recordsRead(), r.recordsSkipped(), r.badValues(), r.badSegments(), r.noDataAlerts()));
    DatasetDrift rule = r.rule();
    sb.append("decision rule: ").append(rule == null ? "not recorded in this report"
        : rule.describe()).append('\n');
    sb.append(String.format(Locale.ROOT, "%6s  %8s  %-6s  %-7s  %s%n", "window", "records",
        "tested", "dataset", "drifted subjects"));
    List<String> decisions = new ArrayList<>();
    for (WindowReport w : r.windows()) {
      List<String> drifted = new ArrayList<>();
      for (Map.Entry<String, DriftTestResult> e : w.results().entrySet()) {
        DriftTestResult t = e.getValue();
        if (t.drifted()) {
          drifted.add(e.getKey());
        }
        boolean nearMiss = !t.drifted() && rule != null && t.pValue().isPresent()
            && t.pValue().getAsDouble() <= rule.alpha();
        if (t.drifted() || nearMiss) {
          decisions.add(String.format(Locale.ROOT, "  window %d, %s: %s", w.index(), e.getKey(),
              rule != null ? rule.explain(t) : plain(t)));
        }
      }
      sb.append(String.format(Locale.ROOT, "%6d  %8d  %-6s  %-7s  %s%n", w.index(), w.records(),
          w.tested() ? "yes" : "no", w.datasetDrifted() ? "DRIFT" : "-",
          drifted.isEmpty() ? "-" : String.join(", ", drifted)));
    }
    if (!decisions.isEmpty()) {
      sb.append("decisions that drifted, or were significant before the correction:\n");
      decisions.forEach(d -> sb.append(d).append('\n'));
    }
    sb.append(r.alerts().isEmpty() ? "no alerts\n" : "alerts:\n");
    for (Alert a : r.alerts()) {
      sb.append(String.format(Locale.ROOT, "  %s %s %s (%s, magnitude %.4g): %s%n", a.raisedAt(),
          a.severity(), a.subject(), a.detector(), a.magnitude(), a.message()));
    }
    if (!r.accuracy().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%6s  %8s  %8s%n", "window", "labelled", "accuracy"));
      for (AccuracyWindow a : r.accuracy()) {
        sb.append(String.format(Locale.ROOT, "%6d  %8d  %8.3f%n", a.index(), a.count(),
            a.count() == 0 ? Double.NaN : (double) a.correct() / a.count()));
      }
    }
    return sb.toString();
  }

  private static String plain(DriftTestResult t) {
    String value = t.pValue().isPresent()
        ? String.format(Locale.ROOT, "p-value %.3g", t.pValue().getAsDouble())
        : String.format(Locale.ROOT, "%.4g", t.statistic());
    return String.format(Locale.ROOT, "%s %s, threshold %.3g: %s", t.test(), value,
        t.threshold(), t.drifted() ? "drift" : "no drift");
  }
}
