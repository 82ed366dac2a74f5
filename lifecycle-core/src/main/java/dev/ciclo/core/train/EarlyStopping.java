package dev.ciclo.core.train;


/**
 * When a {@link TrainingLoop} stops before its planned epochs: after {@code patience} epochs in
 * which the dev metric did not improve on its best by more than {@code minDelta}.
 *
 * @param metric the metric watched, as the dev metrics name it (for example
 *     {@code "dev.accuracy"}), not blank
 * @param maximize whether higher is better (accuracy) or lower (loss)
 * @param patience epochs without improvement tolerated, at least 1
 * @param minDelta the smallest change that counts as an improvement, finite, not negative
 * @param restoreBest whether the run returns the model of the best epoch rather than the last
 */
public record EarlyStopping(
    String metric, boolean maximize, int patience, double minDelta, boolean restoreBest) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the metric is blank, patience below 1 or minDelta
   *     negative or not finite
   */
  public EarlyStopping {
    java.util.Objects.requireNonNull(metric, "metric");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank");
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 but was " + patience);
    }
    if (!(minDelta >= 0 && Double.isFinite(minDelta))) {
      throw new IllegalArgumentException(
          "minDelta must be finite and not negative but was " + minDelta);
    }
  }

  /**
   * Stops when a higher-is-better metric stalls, restoring the best model; minDelta 0.
   *
   * @param metric the metric, for example {@code "dev.accuracy"}
   * @param patience epochs without improvement tolerated, at least 1
   * @return the rule
   */
  public static EarlyStopping maximize(String metric, int patience) {
    return new EarlyStopping(metric, true, patience, 0, true);
  }

  /**
   * Stops when a lower-is-better metric stalls, restoring the best model; minDelta 0.
   *
   * @param metric the metric, for example {@code "dev.loss"}
   * @param patience epochs without improvement tolerated, at least 1
   * @return the rule
   */
  public static EarlyStopping minimize(String metric, int patience) {
    return new EarlyStopping(metric, false, patience, 0, true);
  }

  boolean improves(double value, double best) {
    return maximize ? value > best + minDelta : value < best - minDelta;
  }
}
