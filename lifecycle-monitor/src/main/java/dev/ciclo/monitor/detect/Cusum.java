package dev.ciclo.monitor.detect;

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

  private Cusum(Builder b) {
    super("CUSUM", b);
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

  /**
   * Settings for a {@link Cusum} test; each setter checks its value at once. The defaults: 30
   * values before a decision, {@code delta = 0.005}, {@code lambda = 50}, increases.
   */
  public static final class Builder extends MeanShiftDetector.Settings<Builder> {
    private Builder() {
      super(50);
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     */
    public Cusum build() {
      return new Cusum(this);
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
