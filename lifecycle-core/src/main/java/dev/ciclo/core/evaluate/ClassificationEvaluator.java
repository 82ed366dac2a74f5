package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.ClassMetrics;
import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ConfusionMatrix;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Evaluates a classifier on a labelled dataset. Labels are compared by their {@code toString()};
 * the confusion matrix's labels are every label seen as target or prediction, sorted.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClassificationEvaluator {
  private ClassificationEvaluator() {}

  /**
   * Predicts every example and measures the answers.
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
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("cannot evaluate on dataset " + data.name() + ": it is empty");
    }
    List<X> inputs = new ArrayList<>(data.size());
    for (Example<X, Y> e : data) {
      inputs.add(e.input());
    }
    List<Prediction<Y>> predictions = predictor.predictBatch(inputs);
    List<String> actual = new ArrayList<>(data.size());
    List<String> predicted = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      actual.add(data.get(i).target().toString());
      predicted.add(predictions.get(i).value().toString());
    }
    return fromLabels(actual, predicted);
  }

  /**
   * Measures pairs of actual and predicted labels.
   *
   * @param actual the true labels
   * @param predicted the predicted labels, as many as {@code actual}
   * @return the evaluation
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static ClassificationEvaluation fromLabels(List<String> actual, List<String> predicted) {
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
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    int k = labels.size();
    long[][] counts = new long[k][k];
    for (int i = 0; i < actual.size(); i++) {
      counts[index.get(actual.get(i))][index.get(predicted.get(i))]++;
    }
    ConfusionMatrix confusion = ConfusionMatrix.of(labels, counts);
    long n = actual.size();
    List<ClassMetrics> perClass = new ArrayList<>(k);
    double macro = 0;
    double weighted = 0;
    for (int c = 0; c < k; c++) {
      long tp = counts[c][c];
      long support = 0;
      long predictedAs = 0;
      for (int j = 0; j < k; j++) {
        support += counts[c][j];
        predictedAs += counts[j][c];
      }
      double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perClass.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
      macro += f1;
      weighted += f1 * support;
    }
    return new ClassificationEvaluation(
        n, (double) confusion.correct() / n, perClass, macro / k, weighted / n, confusion, Map.of());
  }
}
