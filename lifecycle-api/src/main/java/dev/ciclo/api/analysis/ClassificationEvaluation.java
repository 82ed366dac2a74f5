package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a classifier did on a dataset.
 *
 * @param count how many examples, positive
 * @param accuracy the share predicted right, in {@code [0, 1]}
 * @param perClass precision, recall and F1 of each class in the confusion matrix's label order
 * @param macroF1 the unweighted mean F1 over classes
 * @param weightedF1 the mean F1 weighted by support
 * @param confusion the confusion matrix; its total equals {@code count}
 * @param intervals bootstrap confidence intervals by metric name (may be empty)
 */
public record ClassificationEvaluation(
    long count,
    double accuracy,
    List<ClassMetrics> perClass,
    double macroF1,
    double weightedF1,
    ConfusionMatrix confusion,
    Map<String, Interval> intervals)
    implements Evaluation {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is out of range or the confusion matrix does not
   *     add up to {@code count}
   */
  public ClassificationEvaluation {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive but was " + count);
    }
    Checks.between(accuracy, 0, 1, "accuracy");
    perClass = List.copyOf(perClass);
    Checks.between(macroF1, 0, 1, "macroF1");
    Checks.between(weightedF1, 0, 1, "weightedF1");
    Objects.requireNonNull(confusion, "confusion");
    if (confusion.total() != count) {
      throw new IllegalArgumentException(
          "confusion matrix total must equal count " + count + " but was " + confusion.total());
    }
    intervals = Map.copyOf(intervals);
  }

  @Override
  public double error() {
    return 1 - accuracy;
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy);
    m.put("error", error());
    m.put("macroF1", macroF1);
    m.put("weightedF1", weightedF1);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The evaluation as a text table: count, accuracy and F1 (with their intervals where
   * computed), one row per class, then the confusion matrix.
   *
   * @return lines separated by {@code \n}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, "%d examples%n", count));
    for (Map.Entry<String, Double> e : metrics().entrySet()) {
      Interval i = intervals.get(e.getKey());
      sb.append(String.format(java.util.Locale.ROOT, "%-11s %.4f%s%n", e.getKey(), e.getValue(),
          i == null ? "" : String.format(java.util.Locale.ROOT, "  [%.4f, %.4f] at %.0f%%",
              i.low(), i.high(), i.level() * 100)));
    }
    int w = 5;
    for (ClassMetrics c : perClass) {
      w = Math.max(w, c.label().length());
    }
    sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %9s  %6s  %6s  %7s%n", "class",
        "precision", "recall", "f1", "support"));
    for (ClassMetrics c : perClass) {
      sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %9.4f  %6.4f  %6.4f  %7d%n",
          c.label(), c.precision(), c.recall(), c.f1(), c.support()));
    }
    sb.append("confusion (rows actual, columns predicted):\n").append(confusion);
    return sb.toString();
  }
}
