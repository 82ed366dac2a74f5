package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.Interval;
import dev.ciclo.api.analysis.RegressionEvaluation;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a regressor: mean absolute error, root mean squared error and R², with optional
 * bootstrap intervals for {@code mae}, {@code rmse} and {@code r2}.
 *
 * <p>R² is {@code 1 - SS_res / SS_tot}; when the actual values are all equal
 * ({@code SS_tot = 0}) it is 1 for a perfect prediction and 0 otherwise, as scikit-learn's
 * {@code r2_score} does.
 *
 * <p>Stateless and thread-safe.
 */
public final class RegressionEvaluator {
  static final List<String> INTERVAL_METRICS = List.of("mae", "rmse", "r2");

  private RegressionEvaluator() {}

  /**
   * Predicts every example and measures the answers.
   *
   * @param predictor the regressor
   * @param data the data, not empty, with numeric targets
   * @param bootstrap how to compute intervals, or {@code null} for none
   * @param <X> the input type
   * @param <Y> the numeric target type
   * @return the evaluation
   * @throws IllegalArgumentException if {@code data} is empty or a value is not finite
   */
  public static <X, Y extends Number> RegressionEvaluation evaluate(
      Predictor<X, Y> predictor, Dataset<X, Y> data, Bootstrap bootstrap) {
    List<Prediction<Y>> predictions = ClassificationEvaluator.predict(predictor, data);
    double[] actual = new double[data.size()];
    double[] predicted = new double[data.size()];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = data.get(i).target().doubleValue();
      predicted[i] = predictions.get(i).value().doubleValue();
    }
    return fromValues(actual, predicted, bootstrap);
  }

  /**
   * The error measure for learning curves and bias/variance on a regression task: the share of
   * the target's variance the model leaves unexplained, {@code 1 - R²}, capped to {@code [0,
   * 1]} (1: no better than predicting the mean). It is in the same [0, 1] units as a
   * misclassification rate, so {@code LearningCurves.builder(t).errorMeasure(
   * RegressionEvaluator::unexplainedVariance)} and {@code BiasVarianceDiagnoser} work unchanged.
   *
   * @param predictor the regressor
   * @param data the data, not empty
   * @param <X> the input type
   * @param <Y> the numeric target type
   * @return {@code min(1, max(0, 1 - R²))}
   * @throws IllegalArgumentException if {@code data} is empty or a value is not finite
   */
  public static <X, Y extends Number> double unexplainedVariance(
      Predictor<X, Y> predictor, Dataset<X, Y> data) {
    double r2 = evaluate(predictor, data, null).r2();
    return Math.min(1, Math.max(0, 1 - r2));
  }

  /**
   * Measures pairs of actual and predicted values. The arrays are not kept.
   *
   * @param actual the true values, finite
   * @param predicted the predicted values, as many, finite
   * @param bootstrap how to compute intervals, or {@code null} for none
   * @return the evaluation
   * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a value
   *     that is not finite (the message names its index)
   */
  public static RegressionEvaluation fromValues(
      double[] actual, double[] predicted, Bootstrap bootstrap) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predicted, "predicted");
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException("actual and predicted must have the same length but were "
          + actual.length + " and " + predicted.length);
    }
    if (actual.length == 0) {
      throw new IllegalArgumentException("cannot evaluate zero predictions");
    }
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
        throw new IllegalArgumentException("values must be finite but at index " + i
            + " actual was " + actual[i] + " and predicted " + predicted[i]);
      }
    }
    int n = actual.length;
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    double[] m = metrics(actual, predicted, all);
    Map<String, Interval> intervals = bootstrap == null
        ? Map.of()
        : bootstrap.intervals(n, INTERVAL_METRICS, s -> metrics(actual, predicted, s));
    return new RegressionEvaluation(n, m[0], m[1], m[2], intervals);
  }

  private static double[] metrics(double[] actual, double[] predicted, int[] sample) {
    double mean = 0;
    for (int i : sample) {
      mean += actual[i];
    }
    mean /= sample.length;
    double abs = 0;
    double sq = 0;
    double tot = 0;
    for (int i : sample) {
      double d = actual[i] - predicted[i];
      abs += Math.abs(d);
      sq += d * d;
      double t = actual[i] - mean;
      tot += t * t;
    }
    double r2 = tot == 0 ? (sq == 0 ? 1 : 0) : 1 - sq / tot;
    return new double[] {abs / sample.length, Math.sqrt(sq / sample.length), r2};
  }
}
