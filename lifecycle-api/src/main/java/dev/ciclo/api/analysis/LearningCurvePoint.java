package dev.ciclo.api.analysis;

import dev.ciclo.api.internal.Checks;

/**
 * Train and dev error at one training-set size, over several seeded repeats.
 *
 * @param trainingSize the number of training examples, positive
 * @param repeats how many seeded subsets were trained on, positive
 * @param trainErrorMean the mean training error
 * @param trainErrorStd the standard deviation of the training error over repeats
 * @param devErrorMean the mean dev error
 * @param devErrorStd the standard deviation of the dev error over repeats
 */
public record LearningCurvePoint(
    int trainingSize,
    int repeats,
    double trainErrorMean,
    double trainErrorStd,
    double devErrorMean,
    double devErrorStd) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a count is not positive or a number is negative or not
   *     finite
   */
  public LearningCurvePoint {
    if (trainingSize < 1) {
      throw new IllegalArgumentException("trainingSize must be positive but was " + trainingSize);
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be positive but was " + repeats);
    }
    Checks.notNegative(trainErrorMean, "trainErrorMean");
    Checks.notNegative(trainErrorStd, "trainErrorStd");
    Checks.notNegative(devErrorMean, "devErrorMean");
    Checks.notNegative(devErrorStd, "devErrorStd");
  }
}
