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
    return new Cusum(30, 0.005, 50, Direction.INCREASE);
  }

  /**
   * A CUSUM with the given settings.
   *
   * @param minInstances values before the first decision, at least 1; default 30
   * @param delta the change tolerated, finite and not negative; default 0.005
   * @param lambda the threshold, positive; default 50
   * @param direction which changes to flag; default increases
   * @return a new detector
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Cusum create(int minInstances, double delta, double lambda, Direction direction) {
    return new Cusum(
        Checks.atLeast(minInstances, 1, "minInstances"),
        Checks.notNegative(delta, "delta"),
        Checks.positive(lambda, "lambda"),
        Objects.requireNonNull(direction, "direction"));
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
