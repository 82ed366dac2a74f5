package dev.ciclo.report;

import com.google.common.html.HtmlEscapers;
import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.Evaluation;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.analysis.TagReport;
import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.Calibration;
import java.util.Base64;
import java.util.List;

/**
 * HTML fragments: a {@code <div class="ciclo-report">} holding the text rendering in a
 * {@code <pre>} and, where there is one, the chart as an inline PNG.
 */
final class HtmlReports {
  private HtmlReports() {}

  static String escape(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }

  static String img(byte[] png, String alt) {
    return "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png) + "\"/>";
  }

  static String wrap(String title, String text, String... images) {
    StringBuilder sb = new StringBuilder("<div class=\"ciclo-report\">\n<h3>")
        .append(escape(title)).append("</h3>\n<pre>").append(escape(text)).append("</pre>\n");
    for (String i : images) {
      sb.append(i).append('\n');
    }
    return sb.append("</div>\n").toString();
  }

  static String evaluation(Evaluation e) {
    String text = TextReports.evaluation(e);
    if (e instanceof ClassificationEvaluation c) {
      return wrap("Evaluation", text,
          img(Reports.png(Charts.confusionMatrix(c.confusion())), "confusion matrix"));
    }
    return wrap("Evaluation", text);
  }

  static String errorAnalysis(ErrorAnalysis a, int max) {
    String text = TextReports.errorAnalysis(a, max);
    return a.slices().isEmpty() ? wrap("Error analysis", text)
        : wrap("Error analysis", text, img(Reports.png(
            Charts.sliceErrors(a.slices(), a.overall().error(), Math.min(max, 60))),
            "slice errors"));
  }

  static String slices(List<SliceMetrics> slices, double overallError, int max) {
    String text = TextReports.slices(slices, max);
    return slices.isEmpty() ? wrap("Slices", text)
        : wrap("Slices", text, img(Reports.png(
            Charts.sliceErrors(slices, overallError, Math.min(max, 60))), "slice errors"));
  }

  static String biasVariance(BiasVariance b) {
    return wrap("Bias and variance", TextReports.biasVariance(b));
  }

  static String learningCurve(LearningCurve c) {
    return wrap("Learning curve", TextReports.learningCurve(c),
        img(Reports.png(Charts.learningCurve(c)), "learning curve"));
  }

  static String validationCurve(ValidationCurve c) {
    return wrap("Validation curve", TextReports.validationCurve(c),
        img(Reports.png(Charts.validationCurve(c)), "validation curve"));
  }

  static String calibration(Calibration c) {
    return wrap("Calibration", TextReports.calibration(c),
        img(Reports.png(Charts.reliability(c)), "reliability diagram"));
  }

  static String tags(TagReport r) {
    return wrap("Tagged errors", TextReports.tags(r));
  }
}
