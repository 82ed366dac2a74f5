package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftState;
import java.util.Objects;

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

  MeanShiftDetector(String shortName, Settings<?> settings) {
    super(shortName, false);
    this.minInstances = settings.minInstances;
    this.delta = settings.delta;
    this.lambda = settings.lambda;
    this.direction = settings.direction;
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

  /**
   * The settings every test of this scheme has, with their checks; each detector's builder
   * extends it and adds its own.
   *
   * @param <B> the builder, which each setter returns
   */
  abstract static class Settings<B extends Settings<B>> {
    int minInstances = 30;
    double delta = 0.005;
    double lambda;
    Direction direction = Direction.INCREASE;

    Settings(double defaultLambda) {
      this.lambda = defaultLambda;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /**
     * Values before the first decision; default 30.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public B minInstances(int value) {
      this.minInstances = Checks.atLeast(value, 1, "minInstances");
      return self();
    }

    /**
     * The change tolerated, in the data's units; default 0.005.
     *
     * @param value finite, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public B delta(double value) {
      this.delta = Checks.notNegative(value, "delta");
      return self();
    }

    /**
     * The threshold, in the data's units; default 50 for {@link Cusum}, 100 for {@link
     * PageHinkley} (MOA's is 50 there, against a statistic without the running minimum).
     *
     * @param value finite, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public B lambda(double value) {
      this.lambda = Checks.positive(value, "lambda");
      return self();
    }

    /**
     * Which changes to flag; default {@link Direction#INCREASE}.
     *
     * @param value the direction
     * @return this builder
     */
    public B direction(Direction value) {
      this.direction = Objects.requireNonNull(value, "direction");
      return self();
    }
  }
}
