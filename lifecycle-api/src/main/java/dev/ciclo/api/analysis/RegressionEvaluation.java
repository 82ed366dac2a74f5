package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a regressor did on a dataset.
 *
 * @param count how many examples, positive
 * @param mae the mean absolute error, not negative
 * @param rmse the root mean squared error, not negative
 * @param r2 the coefficient of determination (1 is perfect; may be negative), finite
 * @param intervals bootstrap confidence intervals by metric name (may be empty)
 */
public record RegressionEvaluation(
    long count, double mae, double rmse, double r2, Map<String, Interval> intervals)
    implements Evaluation {

  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public RegressionEvaluation {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive but was " + count);
    }
    Checks.notNegative(mae, "mae");
    Checks.notNegative(rmse, "rmse");
    Checks.finite(r2, "r2");
    intervals = Map.copyOf(intervals);
  }

  @Override
  public double error() {
    return rmse;
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mae", mae);
    m.put("rmse", rmse);
    m.put("r2", r2);
    return java.util.Collections.unmodifiableMap(m);
  }
}
