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
  private boolean restart;

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
    return new Ddm(30, 2.0, 3.0);
  }

  /**
   * A DDM with the given settings.
   *
   * @param minInstances values before the first decision, at least 1; default 30
   * @param warningLevel standard deviations above the minimum for a warning, positive; default 2
   * @param driftLevel standard deviations above the minimum for a drift, at least the warning
   *     level; default 3
   * @return a new detector
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Ddm create(int minInstances, double warningLevel, double driftLevel) {
    Checks.atLeast(minInstances, 1, "minInstances");
    Checks.positive(warningLevel, "warningLevel");
    Checks.positive(driftLevel, "driftLevel");
    if (driftLevel < warningLevel) {
      throw new IllegalArgumentException(
          "driftLevel must be at least warningLevel (" + warningLevel + ") but was " + driftLevel);
    }
    return new Ddm(minInstances, warningLevel, driftLevel);
  }

  @Override
  DriftState step(double value) {
    if (restart) {
      clear();
    }
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
      restart = true;
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
    restart = false;
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
