package dev.ciclo.report;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ConfusionMatrix;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.Evaluation;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.analysis.TagReport;
import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.Calibration;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One-call renderings of every analysis result, for logs ({@code text}), notebooks and report
 * files ({@code html}: a self-contained fragment with the chart inlined as a PNG) and images
 * ({@code png}, {@code image}, {@code writePng} of a chart from {@link Charts}).
 *
 * <pre>{@code
 * log.info("{}", Reports.text(analysis));
 * String html = Reports.html(learningCurve);          // a notebook shows it as HTML
 * BufferedImage img = Reports.image(eval.confusion());   // or image(Charts....) restyled
 * }</pre>
 *
 * <p>Error analyses list at most {@link #MAX_SLICES} slices. Stateless and thread-safe; charts
 * render headless (no display needed).
 */
public final class Reports {
  /** The most slices a text or HTML rendering lists (and the slice chart shows). */
  public static final int MAX_SLICES = 20;

  private Reports() {}

  /**
   * An evaluation as text: metrics with their intervals, per-class metrics, confusion matrix.
   *
   * @param evaluation a classification or regression evaluation
   * @return the text, lines ending in {@code \n}
   */
  public static String text(Evaluation evaluation) {
    return TextReports.evaluation(Objects.requireNonNull(evaluation, "evaluation"));
  }

  /**
   * An error analysis as text: overall error, the top slices, the most confident errors.
   *
   * @param analysis the analysis
   * @return the text
   */
  public static String text(ErrorAnalysis analysis) {
    return TextReports.errorAnalysis(Objects.requireNonNull(analysis, "analysis"), MAX_SLICES);
  }

  /**
   * Slices (for example from a slice finder) as a table.
   *
   * @param slices the slices, in the order to list them
   * @return the text
   */
  public static String text(List<SliceMetrics> slices) {
    return TextReports.slices(Objects.requireNonNull(slices, "slices"), MAX_SLICES);
  }

  /**
   * A bias/variance diagnosis as text, with its thresholds and advice.
   *
   * @param diagnosis the diagnosis
   * @return the text
   */
  public static String text(BiasVariance diagnosis) {
    return TextReports.biasVariance(Objects.requireNonNull(diagnosis, "diagnosis"));
  }

  /**
   * A learning curve as a table.
   *
   * @param curve the curve
   * @return the text
   */
  public static String text(LearningCurve curve) {
    return TextReports.learningCurve(Objects.requireNonNull(curve, "curve"));
  }

  /**
   * A validation curve as a table, with the best value.
   *
   * @param curve the curve
   * @return the text
   */
  public static String text(ValidationCurve curve) {
    return TextReports.validationCurve(Objects.requireNonNull(curve, "curve"));
  }

  /**
   * Calibration as text: log loss, ECE and the reliability bins.
   *
   * @param calibration the calibration
   * @return the text
   */
  public static String text(Calibration calibration) {
    return TextReports.calibration(Objects.requireNonNull(calibration, "calibration"));
  }

  /**
   * Counted tags as a table.
   *
   * @param report the tag report
   * @return the text
   */
  public static String text(TagReport report) {
    return TextReports.tags(Objects.requireNonNull(report, "report"));
  }

  /**
   * An evaluation as HTML, with the confusion-matrix heat map for a classifier.
   *
   * @param evaluation the evaluation
   * @return a self-contained HTML fragment
   */
  public static String html(Evaluation evaluation) {
    return HtmlReports.evaluation(Objects.requireNonNull(evaluation, "evaluation"));
  }

  /**
   * An error analysis as HTML, with the slice error bars.
   *
   * @param analysis the analysis
   * @return a self-contained HTML fragment
   */
  public static String html(ErrorAnalysis analysis) {
    return HtmlReports.errorAnalysis(Objects.requireNonNull(analysis, "analysis"), MAX_SLICES);
  }

  /**
   * Slices as HTML, with error bars against an overall error.
   *
   * @param slices the slices, in the order to list them
   * @param overallError the overall error, drawn as a line
   * @return a self-contained HTML fragment
   */
  public static String html(List<SliceMetrics> slices, double overallError) {
    return HtmlReports.slices(Objects.requireNonNull(slices, "slices"), overallError,
        MAX_SLICES);
  }

  /**
   * A bias/variance diagnosis as HTML.
   *
   * @param diagnosis the diagnosis
   * @return a self-contained HTML fragment
   */
  public static String html(BiasVariance diagnosis) {
    return HtmlReports.biasVariance(Objects.requireNonNull(diagnosis, "diagnosis"));
  }

  /**
   * A learning curve as HTML, with its chart.
   *
   * @param curve the curve
   * @return a self-contained HTML fragment
   */
  public static String html(LearningCurve curve) {
    return HtmlReports.learningCurve(Objects.requireNonNull(curve, "curve"));
  }

  /**
   * A validation curve as HTML, with its chart.
   *
   * @param curve the curve
   * @return a self-contained HTML fragment
   */
  public static String html(ValidationCurve curve) {
    return HtmlReports.validationCurve(Objects.requireNonNull(curve, "curve"));
  }

  /**
   * Calibration as HTML, with the reliability diagram.
   *
   * @param calibration the calibration
   * @return a self-contained HTML fragment
   */
  public static String html(Calibration calibration) {
    return HtmlReports.calibration(Objects.requireNonNull(calibration, "calibration"));
  }

  /**
   * Counted tags as HTML.
   *
   * @param report the tag report
   * @return a self-contained HTML fragment
   */
  public static String html(TagReport report) {
    return HtmlReports.tags(Objects.requireNonNull(report, "report"));
  }

  /**
   * The learning-curve chart as an image, for a notebook cell's value.
   *
   * @param curve the curve
   * @return the image, {@link Charts#WIDTH} x {@link Charts#HEIGHT}
   */
  public static BufferedImage image(LearningCurve curve) {
    return image(Charts.learningCurve(curve));
  }

  /**
   * The validation-curve chart as an image.
   *
   * @param curve the curve
   * @return the image, {@link Charts#WIDTH} x {@link Charts#HEIGHT}
   */
  public static BufferedImage image(ValidationCurve curve) {
    return image(Charts.validationCurve(curve));
  }

  /**
   * The confusion-matrix heat map as an image.
   *
   * @param matrix the matrix
   * @return the image, {@link Charts#HEAT_MAP_SIZE} square
   */
  public static BufferedImage image(ConfusionMatrix matrix) {
    return image(Charts.confusionMatrix(matrix));
  }

  /**
   * The slice error bars of an error analysis as an image.
   *
   * @param analysis the analysis, with at least one slice
   * @return the image, {@link Charts#WIDTH} x {@link Charts#HEIGHT}
   * @throws IllegalArgumentException if the analysis has no slice
   */
  public static BufferedImage image(ErrorAnalysis analysis) {
    Objects.requireNonNull(analysis, "analysis");
    return image(Charts.sliceErrors(analysis.slices(), analysis.overall().error(), MAX_SLICES));
  }

  /**
   * The reliability diagram as an image.
   *
   * @param calibration the calibration
   * @return the image, {@link Charts#WIDTH} x {@link Charts#HEIGHT}
   */
  public static BufferedImage image(Calibration calibration) {
    return image(Charts.reliability(calibration));
  }

  /**
   * A chart as PNG bytes.
   *
   * @param chart a chart, for example from {@link Charts}
   * @return the PNG file's bytes
   * @throws CicloException if encoding fails
   */
  public static byte[] png(Chart<?, ?> chart) {
    Objects.requireNonNull(chart, "chart");
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new CicloException("could not encode chart '" + chart.getTitle() + "' as PNG", e);
    }
  }

  /**
   * A chart as an image (what a notebook kernel shows as PNG).
   *
   * @param chart a chart
   * @return the image, of the chart's width and height
   */
  public static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(Objects.requireNonNull(chart, "chart"));
  }

  /**
   * Writes a chart as a PNG file, atomically (a temporary file renamed into place).
   *
   * @param chart a chart
   * @param file the file to write; its folder must exist
   * @throws CicloException if writing fails, naming the file
   */
  public static void writePng(Chart<?, ?> chart, Path file) {
    Objects.requireNonNull(file, "file");
    AtomicFile.write(file, png(chart), "chart");
  }
}
