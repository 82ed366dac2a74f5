package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.api.analysis.ClassMetrics;
import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ConfusionMatrix;
import dev.ciclo.api.analysis.Interval;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Evaluates a classifier on a labelled dataset. Labels are compared by their {@code toString()};
 * the confusion matrix's labels are every label seen as target or prediction, sorted.
 *
 * <p>With a {@link Bootstrap}, the evaluation carries percentile intervals for
 * {@code accuracy}, {@code error}, {@code macroF1} and {@code weightedF1}. Log loss and
 * calibration, which need the model's scores, come from {@link #calibration}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClassificationEvaluator {
  /** The metric names that bootstrap intervals are computed for, in order. */
  static final List<String> INTERVAL_METRICS =
      List.of("accuracy", "error", "macroF1", "weightedF1");

  private ClassificationEvaluator() {}

  /**
   * Predicts every example and measures the answers, without intervals.
   *
   * @param predictor the classifier
   * @param data the labelled data, not empty
   * @param <X> the input type
   * @param <Y> the target type
   * @return accuracy, per-class metrics, macro and weighted F1, and the confusion matrix
   * @throws IllegalArgumentException if {@code data} is empty
   */
  public static <X, Y> ClassificationEvaluation evaluate(
      Predictor<X, Y> predictor, Dataset<X, Y> data) {
    return fromPredictions(data, predict(predictor, data), null);
  }

  /**
   * Predicts every example and measures the answers, with bootstrap intervals.
   *
   * @param predictor the classifier
   * @param data the labelled data, not empty
   * @param bootstrap how to compute the intervals
   * @param <X> the input type
   * @param <Y> the target type
   * @return the evaluation, with intervals for accuracy, error, macroF1 and weightedF1
   * @throws IllegalArgumentException if {@code data} is empty
   */
  public static <X, Y> ClassificationEvaluation evaluate(
      Predictor<X, Y> predictor, Dataset<X, Y> data, Bootstrap bootstrap) {
    Objects.requireNonNull(bootstrap, "bootstrap");
    return fromPredictions(data, predict(predictor, data), bootstrap);
  }

  /**
   * Measures predictions already made for a dataset.
   *
   * @param data the labelled data, not empty
   * @param predictions one prediction per example, in order
   * @param bootstrap how to compute intervals, or {@code null} for none
   * @param <X> the input type
   * @param <Y> the target type
   * @return the evaluation
   * @throws IllegalArgumentException if the data is empty or the sizes differ
   */
  public static <X, Y> ClassificationEvaluation fromPredictions(
      Dataset<X, Y> data, List<Prediction<Y>> predictions, Bootstrap bootstrap) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(predictions, "predictions");
    if (predictions.size() != data.size()) {
      throw new IllegalArgumentException("predictions must have one element per example ("
          + data.size() + ") but had " + predictions.size());
    }
    List<String> actual = new ArrayList<>(data.size());
    List<String> predicted = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      actual.add(data.get(i).target().toString());
      predicted.add(predictions.get(i).value().toString());
    }
    return fromLabels(actual, predicted, bootstrap);
  }

  /**
   * Measures pairs of actual and predicted labels, without intervals.
   *
   * @param actual the true labels
   * @param predicted the predicted labels, as many as {@code actual}
   * @return the evaluation
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static ClassificationEvaluation fromLabels(List<String> actual, List<String> predicted) {
    return fromLabels(actual, predicted, null);
  }

  /**
   * Measures pairs of actual and predicted labels.
   *
   * @param actual the true labels, no null element
   * @param predicted the predicted labels, as many as {@code actual}, no null element
   * @param bootstrap how to compute intervals, or {@code null} for none
   * @return the evaluation
   * @throws IllegalArgumentException if the lists are empty or differ in size
   * @throws NullPointerException if a list or an element is null
   */
  public static ClassificationEvaluation fromLabels(
      List<String> actual, List<String> predicted, Bootstrap bootstrap) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predicted, "predicted");
    if (actual.size() != predicted.size()) {
      throw new IllegalArgumentException(
          "actual and predicted must have the same size but were " + actual.size() + " and "
              + predicted.size());
    }
    if (actual.isEmpty()) {
      throw new IllegalArgumentException("cannot evaluate zero predictions");
    }
    TreeSet<String> all = new TreeSet<>(actual);
    all.addAll(predicted);
    List<String> labels = List.copyOf(all);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    int n = actual.size();
    int[] a = new int[n];
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = index.get(actual.get(i));
      p[i] = index.get(predicted.get(i));
    }
    int k = labels.size();
    long[][] counts = new long[k][k];
    for (int i = 0; i < n; i++) {
      counts[a[i]][p[i]]++;
    }
    ConfusionMatrix confusion = ConfusionMatrix.of(labels, counts);
    List<ClassMetrics> perClass = new ArrayList<>(k);
    double[] summary = summarise(counts, n, labels, perClass);
    Map<String, Interval> intervals = Map.of();
    if (bootstrap != null) {
      long[][] scratch = new long[k][k];
      intervals = bootstrap.intervals(n, INTERVAL_METRICS, sample -> {
        for (long[] row : scratch) {
          java.util.Arrays.fill(row, 0);
        }
        for (int i : sample) {
          scratch[a[i]][p[i]]++;
        }
        return summarise(scratch, n, null, null);
      });
    }
    return new ClassificationEvaluation(
        n, summary[0], perClass, summary[2], summary[3], confusion, intervals);
  }

  /**
   * Accuracy, error, macro F1 and weighted F1 of a confusion matrix; fills per-class metrics
   * when {@code perClass} is not null. Macro F1 averages over every label in the matrix, as
   * scikit-learn does over the union of actual and predicted labels.
   */
  private static double[] summarise(
      long[][] counts, long n, List<String> labels, List<ClassMetrics> perClass) {
    int k = counts.length;
    double macro = 0;
    double weighted = 0;
    long correct = 0;
    for (int c = 0; c < k; c++) {
      long tp = counts[c][c];
      correct += tp;
      long support = 0;
      long predictedAs = 0;
      for (int j = 0; j < k; j++) {
        support += counts[c][j];
        predictedAs += counts[j][c];
      }
      double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      if (perClass != null) {
        perClass.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
      }
      macro += f1;
      weighted += f1 * support;
    }
    double accuracy = (double) correct / n;
    return new double[] {accuracy, 1 - accuracy, macro / k, weighted / n};
  }

  /**
   * Log loss and calibration of a probabilistic classifier's scores.
   *
   * @param actual the true labels, no null element
   * @param predictions the predictions, as many as {@code actual}, each with scores
   * @param bins the number of equal-width confidence bins, from 1 to 1000 (10 is usual)
   * @return the calibration
   * @throws IllegalArgumentException if the sizes differ, the lists are empty, {@code bins} is
   *     out of range, or a prediction has no scores or a negative or all-zero score (the message
   *     names its index)
   */
  public static Calibration calibration(
      List<String> actual, List<? extends Prediction<?>> predictions, int bins) {
    return CalibrationCalculator.compute(actual, predictions, bins);
  }

  /**
   * Predicts every example and measures log loss and calibration.
   *
   * @param predictor a classifier that gives scores
   * @param data the labelled data, not empty
   * @param bins the number of equal-width confidence bins, from 1 to 1000
   * @param <X> the input type
   * @param <Y> the target type
   * @return the calibration
   * @throws IllegalArgumentException as {@link #calibration(List, List, int)}
   */
  public static <X, Y> Calibration calibration(
      Predictor<X, Y> predictor, Dataset<X, Y> data, int bins) {
    List<Prediction<Y>> predictions = predict(predictor, data);
    List<String> actual = new ArrayList<>(data.size());
    for (Example<X, Y> e : data) {
      actual.add(e.target().toString());
    }
    return calibration(actual, predictions, bins);
  }

  static <X, Y> List<Prediction<Y>> predict(Predictor<X, Y> predictor, Dataset<X, Y> data) {
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot evaluate on dataset " + data.name() + ": it is empty");
    }
    List<X> inputs = new ArrayList<>(data.size());
    for (Example<X, Y> e : data) {
      inputs.add(e.input());
    }
    return predictor.predictBatch(inputs);
  }
}
