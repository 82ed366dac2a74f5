package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * The bias/variance reading of a model: avoidable bias is {@code trainError - baselineError},
 * variance is {@code devError - trainError}; each is "high" when it exceeds its threshold.
 *
 * @param baselineError the baseline's error (human-level or a previous system), not negative
 * @param trainError the error on the training set, not negative
 * @param devError the error on the dev set, not negative
 * @param biasThreshold the avoidable bias above which bias is high, not negative
 * @param varianceThreshold the variance above which variance is high, not negative
 * @param diagnosis what the gaps say
 * @param advice what to try next, most promising first
 */
public record BiasVariance(
    double baselineError,
    double trainError,
    double devError,
    double biasThreshold,
    double varianceThreshold,
    Diagnosis diagnosis,
    List<String> advice) {

  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a number is negative or not finite
   * @throws NullPointerException if the diagnosis or advice is null
   */
  public BiasVariance {
    Checks.notNegative(baselineError, "baselineError");
    Checks.notNegative(trainError, "trainError");
    Checks.notNegative(devError, "devError");
    Checks.notNegative(biasThreshold, "biasThreshold");
    Checks.notNegative(varianceThreshold, "varianceThreshold");
    Objects.requireNonNull(diagnosis, "diagnosis");
    advice = List.copyOf(advice);
  }

  /**
   * The avoidable bias.
   *
   * @return {@code trainError - baselineError}
   */
  public double avoidableBias() {
    return trainError - baselineError;
  }

  /**
   * The variance.
   *
   * @return {@code devError - trainError}
   */
  public double variance() {
    return devError - trainError;
  }
}
