package dev.ciclo.report;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.FeatureDrift;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * A {@link DriftReport} as text, as a chart per feature (reference and current shares side by
 * side in the report's shared bins), and as one self-contained HTML page with the verdict, a
 * table of the tests and every feature's chart (drifted features first). Stateless.
 */
public final class DriftReportPages {
  private static final Color REFERENCE = new Color(31, 119, 180);
  private static final Color CURRENT = new Color(214, 39, 40);

  private DriftReportPages() {}

  /**
   * The report as plain text: the verdict, then one line per feature.
   *
   * @param report the report
   * @return the text
   */
  public static String text(DriftReport report) {
    Objects.requireNonNull(report, "report");
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "Drift from %s (%d rows) to %s (%d rows): %s, %d of %d features drifted (%.0f%%;"
            + " dataset drifts at %.0f%%), %s at %.2f%n",
        report.reference(), report.referenceRows(), report.current(), report.currentRows(),
        report.drifted() ? "DRIFTED" : "no dataset drift", report.driftedFeatures().size(),
        report.features().size(), 100 * report.driftedShare(), 100 * report.share(),
        report.correction().toLowerCase(Locale.ROOT), report.alpha()));
    int width = Math.max(7,
        report.features().stream().mapToInt(f -> f.name().length()).max().orElse(7));
    sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-12s %10s %10s %10s  %s%n",
        "feature", "test", "statistic", "p-value", "threshold", "drifted"));
    for (FeatureDrift f : report.features()) {
      DriftTestResult r = f.result();
      sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-12s %10.4f %10s %10.4g  %s%n",
          f.name(), r.test(), r.statistic(),
          r.pValue().isPresent() ? String.format(Locale.ROOT, "%.3g", r.pValue().getAsDouble())
              : "-", r.threshold(), r.drifted() ? "yes" : "no"));
    }
    return sb.toString();
  }

  /**
   * One feature's distributions side by side: the share of reference and of current values in
   * each bin.
   *
   * @param feature the feature's line of a report
   * @return the chart
   */
  public static CategoryChart chart(FeatureDrift feature) {
    Objects.requireNonNull(feature, "feature");
    DriftTestResult r = feature.result();
    CategoryChart c = new CategoryChartBuilder().width(640).height(320)
        .title(String.format(Locale.ROOT, "%s: %s %.3g%s", feature.name(), r.test(),
            r.statistic(), r.drifted() ? " (drifted)" : ""))
        .xAxisTitle(feature.reference().numeric() ? "bin (reference deciles)" : "category")
        .yAxisTitle("share").build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setXAxisLabelRotation(30);
    c.getStyler().setAvailableSpaceFill(0.8);
    CategorySeries ref = c.addSeries("reference", feature.reference().labels(),
        feature.reference().shares());
    ref.setFillColor(REFERENCE);
    CategorySeries cur = c.addSeries("current", feature.current().labels(),
        feature.current().shares());
    cur.setFillColor(CURRENT);
    return c;
  }

  /**
   * The report as one self-contained HTML page (charts inlined as PNG).
   *
   * @param report the report
   * @return the page
   */
  public static String html(DriftReport report) {
    Objects.requireNonNull(report, "report");
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        + "<title>Drift report</title><style>body{font-family:sans-serif;margin:2em}"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
        + ".drifted{color:#d62728;font-weight:bold}</style></head><body>\n");
    sb.append("<h2>Drift report: ").append(HtmlReports.escape(report.reference()))
        .append(" &rarr; ").append(HtmlReports.escape(report.current())).append("</h2>\n");
    sb.append(String.format(Locale.ROOT,
        "<p class=\"%s\">%s: %d of %d features drifted (%.0f%%; the dataset drifts at %.0f%%)."
            + "</p>\n<p>%d reference rows, %d current rows; p-values corrected by %s at %.2f."
            + "</p>\n",
        report.drifted() ? "drifted" : "ok", report.drifted() ? "Dataset drifted"
            : "No dataset drift", report.driftedFeatures().size(), report.features().size(),
        100 * report.driftedShare(), 100 * report.share(), report.referenceRows(),
        report.currentRows(), HtmlReports.escape(report.correction()), report.alpha()));
    sb.append("<table><tr><th>feature</th><th>test</th><th>statistic</th><th>p-value</th>"
        + "<th>threshold</th><th>drifted</th></tr>\n");
    for (FeatureDrift f : report.features()) {
      DriftTestResult r = f.result();
      sb.append(String.format(Locale.ROOT,
          "<tr%s><td>%s</td><td>%s</td><td>%.4f</td><td>%s</td><td>%.4g</td><td>%s</td></tr>\n",
          r.drifted() ? " class=\"drifted\"" : "", HtmlReports.escape(f.name()),
          HtmlReports.escape(r.test()), r.statistic(), r.pValue().isPresent()
              ? String.format(Locale.ROOT, "%.3g", r.pValue().getAsDouble()) : "-",
          r.threshold(), r.drifted() ? "yes" : "no"));
    }
    sb.append("</table>\n");
    report.features().stream()
        .sorted((a, b) -> Boolean.compare(b.result().drifted(), a.result().drifted()))
        .forEach(f -> sb.append("<div class=\"feature\">")
            .append(HtmlReports.img(Reports.png(chart(f)), f.name())).append("</div>\n"));
    return sb.append("</body></html>\n").toString();
  }

  /**
   * Writes the HTML page atomically (a temporary file renamed into place).
   *
   * @param report the report
   * @param file the page to write; its folder must exist
   * @throws CicloException if writing fails, naming the file
   */
  public static void writeHtml(DriftReport report, Path file) {
    Objects.requireNonNull(file, "file");
    AtomicFile.write(file, html(report).getBytes(StandardCharsets.UTF_8), "the drift report");
  }
}
