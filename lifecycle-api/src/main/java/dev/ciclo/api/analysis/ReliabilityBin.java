package dev.ciclo.api.analysis;

/**
 * One bin of a reliability diagram: the predictions whose confidence fell in
 * {@code [low, high)} (the last bin includes 1).
 *
 * @param low the bin's lower edge, in {@code [0, 1)}
 * @param high the bin's upper edge, in {@code (low, 1]}
 * @param count how many predictions fell in the bin, positive
 * @param meanConfidence their mean confidence, in {@code [0, 1]}
 * @param accuracy the share of them that were right, in {@code [0, 1]}
 */
public record ReliabilityBin(
    double low, double high, long count, double meanConfidence, double accuracy) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public ReliabilityBin {
    Calibration.checkUnit(low, "low");
    Calibration.checkUnit(high, "high");
    if (!(high > low)) {
      throw new IllegalArgumentException("high must be above low but was " + high + " <= " + low);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive but was " + count);
    }
    Calibration.checkUnit(meanConfidence, "meanConfidence");
    Calibration.checkUnit(accuracy, "accuracy");
  }

  /**
   * The gap between how often the predictions were right and how sure they were.
   *
   * @return {@code accuracy - meanConfidence}: negative when over-confident
   */
  public double gap() {
    return accuracy - meanConfidence;
  }
}
