package dev.ciclo.api.analysis;

import java.util.List;
import java.util.Objects;

/**
 * How well a classifier's scores match how often it is right.
 *
 * <p>Log loss is {@code -mean(log p(actual))}, with each prediction's scores normalised to sum to
 * 1 after clipping to {@code [1e-15, 1 - 1e-15]} (as scikit-learn's {@code log_loss}). The
 * expected calibration error (ECE) is the top-label one: predictions are put in equal-width bins
 * by the score of the predicted label, and
 * {@code ECE = sum over bins of (count / n) * |accuracy - meanConfidence|}.
 *
 * @param count how many predictions, positive
 * @param logLoss the log loss, not negative
 * @param expectedCalibrationError the ECE, in {@code [0, 1]}
 * @param maxCalibrationError the largest {@code |accuracy - meanConfidence|} over the bins, in
 *     {@code [0, 1]}
 * @param bins the non-empty reliability bins, by increasing confidence
 */
public record Calibration(
    long count,
    double logLoss,
    double expectedCalibrationError,
    double maxCalibrationError,
    List<ReliabilityBin> bins) {

  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   * @throws NullPointerException if {@code bins} is null
   */
  public Calibration {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive but was " + count);
    }
    if (!(logLoss >= 0) || Double.isInfinite(logLoss)) {
      throw new IllegalArgumentException("logLoss must be finite and not negative but was "
          + logLoss);
    }
    checkUnit(expectedCalibrationError, "expectedCalibrationError");
    checkUnit(maxCalibrationError, "maxCalibrationError");
    bins = List.copyOf(Objects.requireNonNull(bins, "bins"));
  }

  static void checkUnit(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + value);
    }
  }
}
