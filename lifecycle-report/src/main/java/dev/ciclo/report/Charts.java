package dev.ciclo.report;

import dev.ciclo.api.analysis.ConfusionMatrix;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.ValidationCurvePoint;
import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.api.analysis.ReliabilityBin;
import dev.ciclo.api.internal.Checks;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts of analysis results. Each method returns a new chart of
 * {@link #WIDTH} x {@link #HEIGHT} pixels (the heat map is {@link #HEAT_MAP_SIZE} square) that
 * the caller may restyle, then render with {@link Reports#png} or {@link Reports#image}.
 *
 * <p>Stateless and thread-safe; each chart is a new mutable object.
 */
public final class Charts {
  /** The width of the line and bar charts, in pixels. */
  public static final int WIDTH = 800;
  /** The height of the line and bar charts, in pixels. */
  public static final int HEIGHT = 500;
  /** The side of the confusion-matrix heat map, in pixels. */
  public static final int HEAT_MAP_SIZE = 640;

  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color DEV = new Color(214, 39, 40);

  private Charts() {}

  /**
   * Train and dev error against training-set size, with the spread over repeats as error bars.
   *
   * @param curve the learning curve
   * @return the chart
   */
  public static XYChart learningCurve(LearningCurve curve) {
    Objects.requireNonNull(curve, "curve");
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning curve")
        .xAxisTitle("training examples").yAxisTitle("error").build();
    style(c);
    TrainDevLines lines = new TrainDevLines();
    for (LearningCurvePoint p : curve.points()) {
      lines.add(p.trainingSize(), p.trainErrorMean(), p.trainErrorStd(), p.devErrorMean(),
          p.devErrorStd());
    }
    lines.drawOn(c);
    return c;
  }

  /**
   * Train and dev error against the values of one hyperparameter. Numeric values are placed at
   * their value (on a log axis when all are positive and span more than two decades); other
   * values at their position.
   *
   * @param curve the validation curve
   * @return the chart
   */
  public static XYChart validationCurve(ValidationCurve curve) {
    Objects.requireNonNull(curve, "curve");
    List<ValidationCurvePoint> pts = curve.points();
    double[] numeric = numericValues(pts);
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Validation curve: " + curve.parameter()).xAxisTitle(curve.parameter())
        .yAxisTitle("error").build();
    style(c);
    TrainDevLines lines = new TrainDevLines();
    for (int i = 0; i < pts.size(); i++) {
      ValidationCurvePoint p = pts.get(i);
      lines.add(numeric == null ? i : numeric[i], p.trainErrorMean(), p.trainErrorStd(),
          p.devErrorMean(), p.devErrorStd());
    }
    if (numeric != null) {
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (double v : numeric) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      c.getStyler().setXAxisLogarithmic(min > 0 && max / min > 100);
    } else {
      c.getStyler().setxAxisTickLabelsFormattingFunction(
          v -> {
            int i = (int) Math.round(v);
            return Math.abs(v - i) < 1e-9 && i >= 0 && i < pts.size() ? pts.get(i).value() : "";
          });
    }
    lines.drawOn(c);
    return c;
  }

  private static double[] numericValues(List<ValidationCurvePoint> pts) {
    double[] out = new double[pts.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Double.parseDouble(pts.get(i).value());
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  /**
   * The confusion matrix as a heat map: actual labels down, predicted labels across, each cell
   * coloured and labelled by its share of its row (so the diagonal is each class's recall).
   *
   * @param matrix the confusion matrix
   * @return the chart
   */
  public static HeatMapChart confusionMatrix(ConfusionMatrix matrix) {
    Objects.requireNonNull(matrix, "matrix");
    List<String> labels = matrix.labels();
    int k = labels.size();
    HeatMapChart c = new HeatMapChartBuilder().width(HEAT_MAP_SIZE).height(HEAT_MAP_SIZE)
        .title("Confusion matrix (share of each actual row)").xAxisTitle("predicted")
        .yAxisTitle("actual").build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotContentSize(1.0);
    c.getStyler().setShowValue(true);
    c.getStyler().setMin(0);
    c.getStyler().setMax(1);
    c.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214),
        new Color(8, 48, 107)});
    c.getStyler().setLegendVisible(false);
    List<Number[]> cells = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      rows.add(labels.get(k - 1 - a)); // first label at the top
    }
    for (int a = 0; a < k; a++) {
      long rowTotal = 0;
      for (int p = 0; p < k; p++) {
        rowTotal += matrix.count(a, p);
      }
      for (int p = 0; p < k; p++) {
        long n = matrix.count(a, p);
        cells.add(new Number[] {p, k - 1 - a, rowTotal == 0 ? 0.0 : (double) n / rowTotal});
      }
    }
    c.getStyler().setHeatMapValueDecimalPattern("0.00");
    c.addSeries("confusion", labels, rows, cells);
    return c;
  }

  /**
   * The error of each slice as bars, the larger half of its interval as whiskers, and the
   * overall error as a line, for the first {@code max} slices in the order given (an error
   * analysis lists the most clearly worse first).
   *
   * @param slices the slices
   * @param overallError the error on the whole dataset
   * @param max how many slices to show, from 1 to 60
   * @return the chart
   * @throws IllegalArgumentException if {@code slices} is empty or {@code max} is out of range
   */
  public static CategoryChart sliceErrors(List<SliceMetrics> slices, double overallError,
      int max) {
    Objects.requireNonNull(slices, "slices");
    if (slices.isEmpty()) {
      throw new IllegalArgumentException("slices must not be empty");
    }
    Checks.between(max, 1, 60, "max");
    List<SliceMetrics> shown = slices.subList(0, Math.min(max, slices.size()));
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Error by slice (most clearly worse first)").xAxisTitle("slice (size)")
        .yAxisTitle("error").build();
    style(c);
    c.getStyler().setXAxisLabelRotation(35);
    c.getStyler().setOverlapped(true);
    List<String> names = new ArrayList<>();
    List<Double> err = new ArrayList<>();
    List<Double> half = new ArrayList<>();
    List<Double> overall = new ArrayList<>();
    for (SliceMetrics s : shown) {
      names.add(shorten(s.slice()) + " (" + s.size() + ")");
      err.add(s.error());
      half.add(Math.max(s.interval().high() - s.error(), s.error() - s.interval().low()));
      overall.add(overallError);
    }
    CategorySeries bars = c.addSeries("slice error", names, err, half);
    bars.setFillColor(DEV);
    CategorySeries line = c.addSeries("overall error", names, overall);
    line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    line.setLineColor(Color.DARK_GRAY);
    line.setMarker(SeriesMarkers.NONE);
    return c;
  }

  /**
   * The reliability diagram: accuracy against mean confidence per bin, with the diagonal of
   * perfect calibration.
   *
   * @param calibration the calibration
   * @return the chart
   */
  public static XYChart reliability(Calibration calibration) {
    Objects.requireNonNull(calibration, "calibration");
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(java.util.Locale.ROOT, "Reliability (ECE %.3f, log loss %.3f)",
            calibration.expectedCalibrationError(), calibration.logLoss()))
        .xAxisTitle("confidence").yAxisTitle("accuracy").build();
    style(c);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    XYSeries diag = c.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1});
    diag.setLineColor(Color.GRAY);
    diag.setMarker(SeriesMarkers.NONE);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (ReliabilityBin b : calibration.bins()) {
      x.add(b.meanConfidence());
      y.add(b.accuracy());
    }
    line(c.addSeries("model", x, y), DEV);
    return c;
  }

  private static String shorten(String s) {
    return s.length() <= 32 ? s : s.substring(0, 31) + "…";
  }

  /**
   * The train and dev error lines of a learning or validation curve: at each x, each side's
   * mean error with its standard deviation as the error bar.
   */
  private static final class TrainDevLines {
    private final List<Double> x = new ArrayList<>();
    private final List<Double> train = new ArrayList<>();
    private final List<Double> trainSd = new ArrayList<>();
    private final List<Double> dev = new ArrayList<>();
    private final List<Double> devSd = new ArrayList<>();

    void add(double at, double trainMean, double trainStd, double devMean, double devStd) {
      x.add(at);
      train.add(trainMean);
      trainSd.add(trainStd);
      dev.add(devMean);
      devSd.add(devStd);
    }

    void drawOn(XYChart c) {
      line(c.addSeries("train error", x, train, trainSd), TRAIN);
      line(c.addSeries("dev error", x, dev, devSd), DEV);
    }
  }

  private static void line(XYSeries s, Color color) {
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setMarker(SeriesMarkers.CIRCLE);
  }

  private static void style(org.knowm.xchart.internal.chartpart.Chart<?, ?> c) {
    Styler s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      a.setYAxisDecimalPattern("0.00");
      a.setXAxisDecimalPattern("#,##0.####");
    }
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setAntiAlias(true);
  }
}
