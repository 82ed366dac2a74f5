package dev.ciclo.report;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ClassMetrics;
import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.ErrorCase;
import dev.ciclo.api.analysis.Evaluation;
import dev.ciclo.api.analysis.Interval;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import dev.ciclo.api.analysis.RegressionEvaluation;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.analysis.TagReport;
import dev.ciclo.api.analysis.TagShare;
import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.ValidationCurvePoint;
import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.api.analysis.ReliabilityBin;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text renderings, one line per fact, for logs. */
final class TextReports {
  private TextReports() {}

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  static String withInterval(double v, Interval i) {
    return i == null ? f("%.4f", v) : f("%.4f [%.4f, %.4f]", v, i.low(), i.high());
  }

  static String evaluation(Evaluation e) {
    if (e instanceof ClassificationEvaluation c) {
      return classification(c);
    }
    RegressionEvaluation r = (RegressionEvaluation) e;
    Map<String, Interval> iv = r.intervals();
    return f("Regression evaluation of %d examples%n", r.count())
        + "  MAE  " + withInterval(r.mae(), iv.get("mae")) + "\n"
        + "  RMSE " + withInterval(r.rmse(), iv.get("rmse")) + "\n"
        + "  R²   " + withInterval(r.r2(), iv.get("r2")) + "\n";
  }

  static String classification(ClassificationEvaluation c) {
    Map<String, Interval> iv = c.intervals();
    StringBuilder sb = new StringBuilder(f("Classification evaluation of %d examples%n",
        c.count()));
    sb.append("  accuracy    ").append(withInterval(c.accuracy(), iv.get("accuracy"))).append('\n');
    sb.append("  macro F1    ").append(withInterval(c.macroF1(), iv.get("macroF1"))).append('\n');
    sb.append("  weighted F1 ").append(withInterval(c.weightedF1(), iv.get("weightedF1")))
        .append('\n');
    if (!iv.isEmpty()) {
      Interval any = iv.values().iterator().next();
      sb.append(f("  (bootstrap %.0f%% intervals)%n", 100 * any.level()));
    }
    sb.append(f("  %-16s %9s %9s %9s %8s%n", "class", "precision", "recall", "F1", "support"));
    for (ClassMetrics m : c.perClass()) {
      sb.append(f("  %-16s %9.4f %9.4f %9.4f %8d%n", m.label(), m.precision(), m.recall(),
          m.f1(), m.support()));
    }
    sb.append("  confusion matrix (rows actual, columns predicted):\n");
    for (String line : c.confusion().toString().split("\n")) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.toString();
  }

  static String slices(List<SliceMetrics> slices, int max) {
    StringBuilder sb = new StringBuilder(f("  %-40s %8s %8s %19s %8s%n", "slice", "size",
        "error", "interval", "lift"));
    for (SliceMetrics s : slices.subList(0, Math.min(max, slices.size()))) {
      sb.append(f("  %-40s %8d %8.4f  [%.4f, %.4f] %+8.4f%n", s.slice(), s.size(), s.error(),
          s.interval().low(), s.interval().high(), s.lift()));
    }
    if (slices.size() > max) {
      sb.append(f("  ... %d more%n", slices.size() - max));
    }
    return sb.toString();
  }

  static String errorAnalysis(ErrorAnalysis a, int max) {
    StringBuilder sb = new StringBuilder("Error analysis\n");
    sb.append(f("  overall error %.4f on %d examples%n", a.overall().error(),
        a.overall().count()));
    sb.append("Slices, most clearly worse first:\n").append(slices(a.slices(), max));
    sb.append("Most confident errors:\n");
    sb.append(f("  %-24s %-10s %-10s %10s  %s%n", "id", "actual", "predicted", "confidence",
        "metadata"));
    for (ErrorCase e : a.worstErrors()) {
      sb.append(f("  %-24s %-10s %-10s %10.4f  %s%n", e.exampleId(), e.actual(), e.predicted(),
          e.confidence(), new java.util.TreeMap<>(e.metadata())));
    }
    return sb.toString();
  }

  static String biasVariance(BiasVariance b) {
    StringBuilder sb = new StringBuilder(f("Bias/variance: %s%n", b.diagnosis()));
    sb.append(f("  baseline error %.4f, train error %.4f, dev error %.4f%n", b.baselineError(),
        b.trainError(), b.devError()));
    sb.append(f("  avoidable bias %.4f (high above %.4f), variance %.4f (high above %.4f)%n",
        b.avoidableBias(), b.biasThreshold(), b.variance(), b.varianceThreshold()));
    sb.append("  next:\n");
    for (String a : b.advice()) {
      sb.append("   - ").append(a).append('\n');
    }
    return sb.toString();
  }

  static String learningCurve(LearningCurve c) {
    StringBuilder sb = new StringBuilder("Learning curve\n");
    sb.append(f("  %8s %7s %16s %16s%n", "size", "repeats", "train error ± sd", "dev error ± sd"));
    for (LearningCurvePoint p : c.points()) {
      sb.append(f("  %8d %7d %9.4f ± %.4f %9.4f ± %.4f%n", p.trainingSize(), p.repeats(),
          p.trainErrorMean(), p.trainErrorStd(), p.devErrorMean(), p.devErrorStd()));
    }
    return sb.toString();
  }

  static String validationCurve(ValidationCurve c) {
    StringBuilder sb = new StringBuilder("Validation curve over " + c.parameter() + "\n");
    sb.append(f("  %12s %7s %16s %16s%n", c.parameter(), "repeats", "train error ± sd",
        "dev error ± sd"));
    for (ValidationCurvePoint p : c.points()) {
      sb.append(f("  %12s %7d %9.4f ± %.4f %9.4f ± %.4f%n", p.value(), p.repeats(),
          p.trainErrorMean(), p.trainErrorStd(), p.devErrorMean(), p.devErrorStd()));
    }
    sb.append("  best: ").append(c.parameter()).append('=').append(c.best().value()).append('\n');
    return sb.toString();
  }

  static String calibration(Calibration c) {
    StringBuilder sb = new StringBuilder(f("Calibration of %d predictions%n", c.count()));
    sb.append(f("  log loss %.4f, ECE %.4f, MCE %.4f%n", c.logLoss(),
        c.expectedCalibrationError(), c.maxCalibrationError()));
    sb.append(f("  %-13s %8s %10s %9s%n", "bin", "count", "confidence", "accuracy"));
    for (ReliabilityBin b : c.bins()) {
      sb.append(f("  [%.2f, %.2f)  %8d %10.4f %9.4f%n", b.low(), b.high(), b.count(),
          b.meanConfidence(), b.accuracy()));
    }
    return sb.toString();
  }

  static String tags(TagReport r) {
    StringBuilder sb = new StringBuilder(f(
        "Tagged errors: %d reviewed of %d errors (error rate %.4f), %d without a tag%n",
        r.reviewed(), r.errors(), r.errorRate(), r.untagged()));
    sb.append(f("  %-24s %6s %18s %22s%n", "tag", "count", "share of errors", "error accounted for"));
    for (TagShare t : r.tags()) {
      sb.append(f("  %-24s %6d %7.3f [%.2f,%.2f] %22.4f%n", t.tag(), t.count(),
          t.fractionOfErrors(), t.interval().low(), t.interval().high(),
          t.errorAccountedFor()));
    }
    return sb.toString();
  }
}
