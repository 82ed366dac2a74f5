package dev.ciclo.monitor.report;

import com.google.common.html.HtmlEscapers;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.performance.AccuracyWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML page with inline SVG charts. */
final class Html {
  private static final int W = 640;
  private static final int H = 120;
  private static final int PAD = 24;

  private Html() {}

  static String page(MonitorReport r) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc("Monitor " + r.monitor())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}")
        .append(".CRITICAL{color:#b00}.WARNING{color:#b60}svg{background:#fafafa}")
        .append("</style></head><body>\n<h1>").append(esc("Monitor " + r.monitor()))
        .append("</h1>\n<p>Report made ").append(esc(r.createdAt().toString())).append(": ")
        .append(r.windows().size()).append(" windows, ").append(r.recordsRead())
        .append(" records read, ").append(r.recordsSkipped()).append(" skipped, ")
        .append(r.badValues()).append(" bad values, ").append(r.badSegments())
        .append(" bad log segments.</p>\n<h2>Alerts</h2>\n");
    if (r.alerts().isEmpty()) {
      b.append("<p>None.</p>\n");
    } else {
      b.append("<table><tr><th>raised</th><th>severity</th><th>subject</th><th>since</th>")
          .append("<th>magnitude</th><th>message</th></tr>\n");
      for (Alert a : r.alerts()) {
        b.append("<tr class=\"").append(a.severity().name()).append("\"><td>")
            .append(esc(a.raisedAt().toString())).append("</td><td>").append(a.severity())
            .append("</td><td>").append(esc(a.subject())).append("</td><td>")
            .append(esc(a.since().toString())).append("</td><td>").append(num(a.magnitude()))
            .append("</td><td>").append(esc(a.message())).append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<h2>Statistics per window</h2>\n");
    for (Map.Entry<String, List<double[]>> e : series(r.windows()).entrySet()) {
      List<double[]> pts = e.getValue();
      String test = testName(r.windows(), e.getKey());
      b.append("<h3>").append(esc(e.getKey())).append(" <small>(").append(esc(test))
          .append(")</small></h3>\n").append(chart(pts, isDistance(r.windows(), e.getKey())));
    }
    if (!r.accuracy().isEmpty()) {
      List<double[]> pts = new ArrayList<>();
      for (AccuracyWindow a : r.accuracy()) {
        pts.add(new double[] {a.index(), a.accuracy(), 0, Double.NaN});
      }
      b.append("<h2>Accuracy from late labels</h2>\n").append(chart(pts, false));
    }
    b.append("<h2>Windows</h2>\n<table><tr><th>#</th><th>start</th><th>records</th>")
        .append("<th>skipped</th><th>bad values</th><th>drifted</th></tr>\n");
    for (WindowReport w : r.windows()) {
      List<String> drifted = new ArrayList<>();
      w.results().forEach((k, v) -> {
        if (v.drifted()) {
          drifted.add(k);
        }
      });
      b.append("<tr><td>").append(w.index()).append("</td><td>")
          .append(esc(w.start().toString())).append("</td><td>").append(w.records())
          .append(w.tested() ? "" : " (not tested)").append(w.badSegment() ? " (bad segment)" : "")
          .append("</td><td>").append(w.skippedRecords()).append("</td><td>")
          .append(w.badValues()).append("</td><td>").append(esc(String.join(", ", drifted)))
          .append(w.datasetDrifted() ? " <b>dataset</b>" : "").append("</td></tr>\n");
    }
    return b.append("</table>\n</body></html>\n").toString();
  }

  /** Per subject: points {window index, statistic, drifted 0/1, threshold}. */
  private static Map<String, List<double[]>> series(List<WindowReport> windows) {
    Map<String, List<double[]>> out = new LinkedHashMap<>();
    for (WindowReport w : windows) {
      for (Map.Entry<String, DriftTestResult> e : w.results().entrySet()) {
        DriftTestResult t = e.getValue();
        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {
            w.index(), t.statistic(), t.drifted() ? 1 : 0, t.threshold()});
      }
    }
    return out;
  }

  private static String testName(List<WindowReport> windows, String subject) {
    for (WindowReport w : windows) {
      DriftTestResult t = w.results().get(subject);
      if (t != null) {
        return t.test() + (t.pValue().isPresent() ? ", threshold on the p-value" : "");
      }
    }
    return "";
  }

  private static boolean isDistance(List<WindowReport> windows, String subject) {
    for (WindowReport w : windows) {
      DriftTestResult t = w.results().get(subject);
      if (t != null) {
        return t.pValue().isEmpty();
      }
    }
    return false;
  }

  /** A line of the statistic per window, drifted points red, the threshold dashed. */
  static String chart(List<double[]> pts, boolean showThreshold) {
    double minX = pts.get(0)[0];
    double maxX = pts.get(pts.size() - 1)[0];
    double maxY = 0;
    for (double[] p : pts) {
      maxY = Math.max(maxY, p[1]);
      if (showThreshold && Double.isFinite(p[3])) {
        maxY = Math.max(maxY, p[3]);
      }
    }
    maxY = maxY <= 0 ? 1 : maxY * 1.1;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W)
        .append("\" height=\"").append(H).append("\" role=\"img\">");
    b.append("<text x=\"2\" y=\"12\" font-size=\"10\">").append(num(maxY)).append("</text>")
        .append("<text x=\"2\" y=\"").append(H - 4).append("\" font-size=\"10\">0</text>");
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (double[] p : pts) {
      double x = PAD + (maxX == minX ? 0.5 : (p[0] - minX) / (maxX - minX)) * (W - 2 * PAD);
      double y = H - PAD / 2.0 - p[1] / maxY * (H - PAD);
      line.append(coord(x)).append(',').append(coord(y)).append(' ');
      dots.append("<circle cx=\"").append(coord(x)).append("\" cy=\"").append(coord(y))
          .append("\" r=\"3\" fill=\"").append(p[2] > 0 ? "#c00" : "#36c").append("\"><title>")
          .append("window ").append((long) p[0]).append(": ").append(num(p[1]))
          .append("</title></circle>");
    }
    if (showThreshold && Double.isFinite(pts.get(pts.size() - 1)[3])) {
      double ty = H - PAD / 2.0 - pts.get(pts.size() - 1)[3] / maxY * (H - PAD);
      b.append("<line x1=\"").append(PAD).append("\" x2=\"").append(W - PAD).append("\" y1=\"")
          .append(coord(ty)).append("\" y2=\"").append(coord(ty))
          .append("\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>");
    }
    b.append("<polyline fill=\"none\" stroke=\"#36c\" points=\"").append(line.toString().trim())
        .append("\"/>").append(dots).append("</svg>\n");
    return b.toString();
  }

  private static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }
}
