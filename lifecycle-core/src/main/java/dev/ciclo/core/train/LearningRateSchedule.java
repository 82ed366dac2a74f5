package dev.ciclo.core.train;

/**
 * The learning rate for each epoch.
 *
 * <p>Implementations must be pure functions of the epoch (so a run can be reproduced) and
 * thread-safe.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /**
   * The learning rate of an epoch.
   *
   * @param epoch the epoch, counted from 1
   * @return the rate, finite and not negative
   */
  double rate(int epoch);

  /**
   * The same rate for every epoch.
   *
   * @param rate the rate, finite and not negative
   * @return the schedule
   * @throws IllegalArgumentException if {@code rate} is negative or not finite
   */
  static LearningRateSchedule constant(double rate) {
    check("rate", rate);
    return epoch -> rate;
  }

  /**
   * The rate multiplied by {@code factor} every {@code everyEpochs} epochs:
   * {@code rate * factor^((epoch - 1) / everyEpochs)}.
   *
   * @param rate the first rate, finite and not negative
   * @param factor the multiplier, in {@code (0, 1]}
   * @param everyEpochs how often to multiply, at least 1
   * @return the schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule stepDecay(double rate, double factor, int everyEpochs) {
    check("rate", rate);
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("factor must be in (0, 1] but was " + factor);
    }
    if (everyEpochs < 1) {
      throw new IllegalArgumentException("everyEpochs must be at least 1 but was " + everyEpochs);
    }
    return epoch -> rate * Math.pow(factor, (epoch - 1) / everyEpochs);
  }

  /**
   * Cosine annealing from {@code rate} at epoch 1 to {@code minRate} at epoch {@code epochs},
   * and {@code minRate} after it.
   *
   * @param rate the first rate, finite and not negative
   * @param minRate the last rate, in {@code [0, rate]}
   * @param epochs the epoch that reaches {@code minRate}, at least 1
   * @return the schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule cosine(double rate, double minRate, int epochs) {
    check("rate", rate);
    if (!(minRate >= 0 && minRate <= rate)) {
      throw new IllegalArgumentException(
          "minRate must be in [0, " + rate + "] but was " + minRate);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1 but was " + epochs);
    }
    return epoch -> {
      if (epochs == 1 || epoch >= epochs) {
        return epoch >= epochs ? minRate : rate;
      }
      double t = (epoch - 1) / (double) (epochs - 1);
      return minRate + 0.5 * (rate - minRate) * (1 + Math.cos(Math.PI * t));
    };
  }

  private static void check(String name, double v) {
    if (!(v >= 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(
          name + " must be finite and not negative but was " + v);
    }
  }
}
