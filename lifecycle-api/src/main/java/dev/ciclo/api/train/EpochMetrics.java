package dev.ciclo.api.train;

import dev.ciclo.api.internal.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one epoch of iterative training measured.
 *
 * @param epoch the epoch, counted from 1
 * @param trainLoss the mean training loss over the epoch, finite
 * @param learningRate the learning rate used in the epoch, finite and not negative
 * @param metrics dev metrics by name (for example {@code "dev.accuracy"}), each finite
 * @param duration how long the epoch took, not negative
 */
public record EpochMetrics(
    int epoch, double trainLoss, double learningRate, Map<String, Double> metrics, Duration duration) {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code epoch < 1}, a number is not finite, the learning
   *     rate or duration is negative
   */
  public EpochMetrics {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be at least 1 but was " + epoch);
    }
    Checks.finite(trainLoss, "trainLoss");
    Checks.notNegative(learningRate, "learningRate");
    metrics = Checks.finiteValues(metrics, "metrics");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative but was " + duration);
    }
  }
}
