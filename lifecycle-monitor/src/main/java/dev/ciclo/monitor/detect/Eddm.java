package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftState;

/**
 * EDDM, the early drift detection method of Baena-García, del Campo-Ávila, Fidalgo, Bifet,
 * Gavaldà and Morales-Bueno, "Early Drift Detection Method" (ECML PKDD workshop 2006), for an
 * error stream of 0s (right) and 1s (wrong).
 *
 * <p>It tracks the mean {@code d'} and standard deviation {@code s'} of the distance between
 * consecutive errors, remembers the largest {@code d' + 2s'}, and compares the current value to
 * it: below {@code 0.95} of the maximum it warns, below {@code 0.90} it flags a drift. Only errors
 * move the statistics; after a correct value the state stays as it was (a warning persists).
 *
 * <p>Defaults (the paper's, MOA's and River's): warning 0.95, drift 0.90, at least 30 values and
 * 30 errors before a decision. Better than {@link Ddm} at slow, gradual changes. {@code O(1)}.
 *
 * <p>Not thread-safe.
 */
public final class Eddm extends AbstractDetector {
  private static final int MIN_INSTANCES = 30;
  private static final int MIN_ERRORS = 30;

  private final double warningLevel;
  private final double driftLevel;
  private long n;
  private long errors;
  private long lastError;
  private double mean;
  private double m2;
  private double m2sMax;
  private DriftState last;

  private Eddm(double warningLevel, double driftLevel) {
    super("EDDM", true);
    this.warningLevel = warningLevel;
    this.driftLevel = driftLevel;
    clear();
  }

  /**
   * An EDDM with the paper's defaults (warning 0.95, drift 0.90).
   *
   * @return a new detector
   */
  public static Eddm create() {
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

  /** Settings for an {@link Eddm}; each setter checks its value at once. */
  public static final class Builder {
    private double warningLevel = 0.95;
    private double driftLevel = 0.90;

    private Builder() {}

    /**
     * The ratio below which it warns; default 0.95.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code (0, 1)}
     */
    public Builder warningLevel(double value) {
      this.warningLevel = Checks.open01(value, "warningLevel");
      return this;
    }

    /**
     * The ratio below which it flags a drift; default 0.90.
     *
     * @param value in {@code (0, 1)}, at most the warning level
     * @return this builder
     * @throws IllegalArgumentException if outside {@code (0, 1)}
     */
    public Builder driftLevel(double value) {
      this.driftLevel = Checks.open01(value, "driftLevel");
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     * @throws IllegalArgumentException if the drift level is above the warning level
     */
    public Eddm build() {
      if (driftLevel > warningLevel) {
        throw new IllegalArgumentException("driftLevel must be at most warningLevel ("
            + warningLevel + ") but was " + driftLevel);
      }
      return new Eddm(warningLevel, driftLevel);
    }
  }

  @Override
  DriftState step(double value) {
    n++;
    if (value != 1.0) {
      return last;
    }
    errors++;
    double distance = n - lastError;
    lastError = n;
    double oldMean = mean;
    mean += (distance - mean) / errors;
    m2 += (distance - mean) * (distance - oldMean);
    double m2s = mean + 2 * Math.sqrt(m2 / errors);
    // The 30th value may already set the maximum (MOA's counter starts at 1; the paper's "30
    // values" count that one): n <= 30 here was one value late.
    if (n < MIN_INSTANCES) {
      last = DriftState.NONE;
      return last;
    }
    if (m2s > m2sMax) {
      m2sMax = m2s;
      last = DriftState.NONE;
      return last;
    }
    double ratio = m2s / m2sMax;
    if (errors > MIN_ERRORS && ratio < driftLevel) {
      restartOnNextValue();
      last = DriftState.DRIFT;
    } else if (errors > MIN_ERRORS && ratio < warningLevel) {
      last = DriftState.WARNING;
    } else {
      last = DriftState.NONE;
    }
    return last;
  }

  @Override
  void clear() {
    n = 0;
    errors = 0;
    lastError = 0;
    mean = 0;
    m2 = 0;
    m2sMax = 0;
    last = DriftState.NONE;
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
    return "EDDM(warning=" + warningLevel + ", drift=" + driftLevel + ")";
  }
}
