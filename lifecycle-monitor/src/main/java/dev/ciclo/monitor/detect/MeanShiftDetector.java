package dev.ciclo.monitor.detect;

import dev.ciclo.api.monitor.DriftState;

/**
 * The scheme Page's tests share ({@link Cusum}, {@link PageHinkley}): each value's deviation from
 * the running mean (since the start or the last drift) feeds two one-sided statistics, and a drift
 * is flagged when a watched side exceeds {@code lambda} after {@code minInstances} values; the
 * next value then starts afresh. Subclasses say only how the two statistics accumulate.
 *
 * <p>Not thread-safe.
 */
abstract class MeanShiftDetector extends AbstractDetector {
  final int minInstances;
  final double delta;
  final double lambda;
  final Direction direction;
  private long n;
  private double mean;

  MeanShiftDetector(
      String shortName, int minInstances, double delta, double lambda, Direction direction) {
    super(shortName, false);
    this.minInstances = minInstances;
    this.delta = delta;
    this.lambda = lambda;
    this.direction = direction;
  }

  /** Adds one deviation from the running mean (the mean already includes its value). */
  abstract void accumulate(double deviation);

  /** The statistic of increases, compared with {@code lambda}. */
  abstract double upStatistic();

  /** The statistic of decreases, compared with {@code lambda}. */
  abstract double downStatistic();

  /** Sets the statistics back to their start. */
  abstract void clearStatistics();

  @Override
  final DriftState step(double x) {
    n++;
    mean += (x - mean) / n;
    accumulate(x - mean);
    if (n < minInstances) {
      return DriftState.NONE;
    }
    if ((direction.up() && upStatistic() > lambda)
        || (direction.down() && downStatistic() > lambda)) {
      restartOnNextValue();
      return DriftState.DRIFT;
    }
    return DriftState.NONE;
  }

  @Override
  final void clear() {
    n = 0;
    mean = 0;
    clearStatistics();
  }

  /**
   * The running mean since the start or the last drift; 0 before any value.
   *
   * @return the estimate
   */
  @Override
  public final double estimate() {
    return mean;
  }
}
