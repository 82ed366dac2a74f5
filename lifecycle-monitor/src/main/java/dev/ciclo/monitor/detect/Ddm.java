package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftState;

/**
 * DDM, the drift detection method of Gama, Medas, Castillo and Rodrigues, "Learning with Drift
 * Detection" (SBIA 2004), for an error stream of 0s (right) and 1s (wrong).
 *
 * <p>It tracks the error rate {@code p} and its standard deviation {@code s = sqrt(p(1-p)/n)},
 * remembers the smallest {@code p + s} seen, and warns when {@code p + s > pMin + 2 sMin} and
 * flags a drift when {@code p + s > pMin + 3 sMin}. After a drift it starts again on the next
 * value.
 *
 * <p>Defaults (the paper's, MOA's and River's): no decision before 30 values, warning level 2.0,
 * drift level 3.0. As in the paper, the statistics cover the whole history since the last drift,
 * so DDM reacts slowly after a long stable stretch. {@code O(1)} time and memory per value.
 *
 * <p>Not thread-safe.
 */
public final class Ddm extends AbstractDetector {
  private final int minInstances;
  private final double warningLevel;
  private final double driftLevel;
  private long n;
  private long errors;
  private double pMin;
  private double sMin;
  private double psMin;

  private Ddm(int minInstances, double warningLevel, double driftLevel) {
    super("DDM", true);
    this.minInstances = minInstances;
    this.warningLevel = warningLevel;
    this.driftLevel = driftLevel;
    clear();
  }

  /**
   * A DDM with the paper's defaults (30 values, warning 2.0, drift 3.0).
   *
   * @return a new detector
   */
  public static Ddm create() {
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

  /** Settings for a {@link Ddm}; each setter checks its value at once. */
  public static final class Builder {
    private int minInstances = 30;
    private double warningLevel = 2.0;
    private double driftLevel = 3.0;

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
     * Standard deviations above the minimum for a warning; default 2.
     *
     * @param value positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder warningLevel(double value) {
      this.warningLevel = Checks.positive(value, "warningLevel");
      return this;
    }

    /**
     * Standard deviations above the minimum for a drift; default 3.
     *
     * @param value positive, at least the warning level
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder driftLevel(double value) {
      this.driftLevel = Checks.positive(value, "driftLevel");
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     * @throws IllegalArgumentException if the drift level is below the warning level
     */
    public Ddm build() {
      if (driftLevel < warningLevel) {
        throw new IllegalArgumentException("driftLevel must be at least warningLevel ("
            + warningLevel + ") but was " + driftLevel);
      }
      return new Ddm(minInstances, warningLevel, driftLevel);
    }
  }

  @Override
  DriftState step(double value) {
    n++;
    if (value == 1.0) {
      errors++;
    }
    if (n < minInstances) {
      return DriftState.NONE;
    }
    double p = (double) errors / n;
    double s = Math.sqrt(p * (1 - p) / n);
    if (p + s <= psMin) {
      pMin = p;
      sMin = s;
      psMin = p + s;
    }
    if (p + s > pMin + driftLevel * sMin) {
      restartOnNextValue();
      return DriftState.DRIFT;
    }
    return p + s > pMin + warningLevel * sMin ? DriftState.WARNING : DriftState.NONE;
  }

  @Override
  void clear() {
    n = 0;
    errors = 0;
    pMin = Double.MAX_VALUE;
    sMin = Double.MAX_VALUE;
    psMin = Double.MAX_VALUE;
  }

  /**
   * The error rate since the start or the last drift; 0 before any value.
   *
   * @return the estimate
   */
  @Override
  public double estimate() {
    return n == 0 ? 0 : (double) errors / n;
  }

  @Override
  public String name() {
    return "DDM(minInstances=" + minInstances + ", warning=" + warningLevel + ", drift="
        + driftLevel + ")";
  }
}
