package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import java.util.Objects;

/**
 * The cumulative sum (CUSUM) test of E. S. Page, "Continuous Inspection Schemes" (Biometrika
 * 1954), in the tabular form with a running mean as the target.
 *
 * <p>For increases it accumulates {@code g = max(0, g + x - mean - delta)} and flags a drift when
 * {@code g > lambda}; decreases mirror it. {@code mean} is the running mean since the start or
 * the last drift.
 *
 * <p>Defaults (MOA's {@code CusumDM}): no decision before 30 values, {@code delta = 0.005},
 * {@code lambda = 50} (in the data's units), direction {@link Direction#INCREASE}. No warning
 * state. {@code O(1)}.
 *
 * <p>Not thread-safe.
 */
public final class Cusum extends MeanShiftDetector {
  private double up;
  private double down;

  private Cusum(int minInstances, double delta, double lambda, Direction direction) {
    super("CUSUM", minInstances, delta, lambda, direction);
  }

  /**
   * A one-sided CUSUM with the defaults (30, 0.005, 50, increases).
   *
   * @return a new detector
   */
  public static Cusum create() {
    return builder().build();
  }

  /**
   * A builder that starts from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for a {@link Cusum} test; each setter checks its value at once. */
  public static final class Builder {
    private int minInstances = 30;
    private double delta = 0.005;
    private double lambda = 50;
    private Direction direction = Direction.INCREASE;

    private Builder() {}

    /**
     * Values before the first decision; default 30.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder minInstances(int value) {
      this.minInstances = Checks.atLeast(value, 1, "minInstances");
      return this;
    }

    /**
     * The change tolerated, in the data's units; default 0.005.
     *
     * @param value finite, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder delta(double value) {
      this.delta = Checks.notNegative(value, "delta");
      return this;
    }

    /**
     * The threshold, in the data's units; default 50.
     *
     * @param value finite, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder lambda(double value) {
      this.lambda = Checks.positive(value, "lambda");
      return this;
    }

    /**
     * Which changes to flag; default {@link Direction#INCREASE}.
     *
     * @param value the direction
     * @return this builder
     */
    public Builder direction(Direction value) {
      this.direction = Objects.requireNonNull(value, "direction");
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     */
    public Cusum build() {
      return new Cusum(minInstances, delta, lambda, direction);
    }
  }

  @Override
  void accumulate(double dev) {
    up = Math.max(0, up + dev - delta);
    down = Math.max(0, down - dev - delta);
  }

  @Override
  double upStatistic() {
    return up;
  }

  @Override
  double downStatistic() {
    return down;
  }

  @Override
  void clearStatistics() {
    up = 0;
    down = 0;
  }

  @Override
  public String name() {
    return "CUSUM(minInstances=" + minInstances + ", delta=" + delta + ", lambda=" + lambda
        + ", direction=" + direction + ")";
  }
}
