package dev.ciclo.api.analysis;

import java.util.Map;

/**
 * The result of evaluating a model on a dataset.
 *
 * <p>Every evaluation has an {@link #error()} where lower is better, which slices, bias/variance
 * and learning curves are computed from.
 */
public sealed interface Evaluation permits ClassificationEvaluation, RegressionEvaluation {
  /**
   * How many examples were evaluated.
   *
   * @return the count, positive
   */
  long count();

  /**
   * The error, lower is better: {@code 1 - accuracy} for classification, RMSE for regression.
   *
   * @return the error
   */
  double error();

  /**
   * Every scalar metric by name.
   *
   * @return an unmodifiable map
   */
  Map<String, Double> metrics();

  /**
   * Bootstrap confidence intervals by metric name; empty if none were computed.
   *
   * @return an unmodifiable map
   */
  Map<String, Interval> intervals();
}
