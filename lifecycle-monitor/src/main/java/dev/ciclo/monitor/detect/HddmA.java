package dev.ciclo.monitor.detect;

import dev.ciclo.api.monitor.DriftState;
import java.util.Objects;

/**
 * HDDM-A, the drift detector with Hoeffding's bound on moving averages ("A-test") of
 * Frías-Blanco, del Campo-Ávila, Ramos-Jiménez, Morales-Bueno, Ortiz-Díaz and Caballero-Mota,
 * "Online and Non-Parametric Drift Detection Methods Based on Hoeffding's Bounds" (IEEE TKDE
 * 2015), for an error stream of 0s and 1s.
 *
 * <p>It keeps the mean of all values since the last drift and a cut point: the prefix whose mean
 * plus its Hoeffding bound is smallest (for increases). It flags a drift when the overall mean
 * exceeds the cut point's mean by more than the two-sample Hoeffding bound at confidence
 * {@code driftConfidence}, and warns at {@code warningConfidence}.
 *
 * <p>Defaults (the paper's, MOA's and River's): {@code driftConfidence = 0.001},
 * {@code warningConfidence = 0.005}, one-sided ({@link Direction#INCREASE}). The significance
 * bound is {@link Bound#ONE_SIDED} ({@code ln(1/confidence)}) by default for a one-sided
 * direction and {@link Bound#TWO_SIDED} ({@code ln(2/confidence)}) for {@link Direction#BOTH}.
 * MOA's {@code HDDM_A_Test} uses {@code ln(2/confidence)} in both its modes: {@code
 * bound(Bound.TWO_SIDED)} with {@link Direction#INCREASE} gives MOA's one-sided alarm indices
 * exactly (asserted in {@code lifecycle-bench}'s {@code MoaOracleTest}); the default detects a
 * change some tens of values earlier, at the stated confidence. MOA's two-sided mode restarts on
 * a significant decrease without reporting it; {@link Direction#BOTH} here reports it as a drift.
 * {@code O(1)} time and memory.
 *
 * <p>Not thread-safe.
 */
public final class HddmA extends AbstractDetector {
  private final double driftConfidence;
  private final double warningConfidence;
  private final Direction direction;
  private final Bound bound;
  private final double logDrift;
  private final double logWarning;
  private final double logCut;
  private long n;
  private double sum;
  private long upN;
  private double upSum;
  private double upBound;
  private long downN;
  private double downSum;
  private double downBound;

  /** Which Hoeffding bound decides that a gap is significant. */
  public enum Bound {
    /** {@code ln(1/confidence)}: the bound of a one-sided test. */
    ONE_SIDED,
    /** {@code ln(2/confidence)}: the bound of a two-sided test, and MOA's in both its modes. */
    TWO_SIDED
  }

  private HddmA(
      double driftConfidence, double warningConfidence, Direction direction, Bound bound) {
    super("HDDM-A", true);
    this.driftConfidence = driftConfidence;
    this.warningConfidence = warningConfidence;
    this.direction = direction;
    this.bound = bound;
    double sides = bound == Bound.TWO_SIDED ? 2 : 1;
    this.logDrift = Math.log(sides / driftConfidence);
    this.logWarning = Math.log(sides / warningConfidence);
    this.logCut = Math.log(1 / driftConfidence);
  }

  /**
   * An HDDM-A with the paper's defaults (0.001, 0.005, increases, one-sided bound).
   *
   * @return a new detector
   */
  public static HddmA create() {
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

  /** Settings for an {@link HddmA}; each setter checks its value at once. */
  public static final class Builder extends HddmSettings<Builder> {
    private Bound bound;

    private Builder() {}

    /**
     * The significance bound; default {@link Bound#ONE_SIDED} for one direction and {@link
     * Bound#TWO_SIDED} for {@link Direction#BOTH}. {@link Bound#TWO_SIDED} with increases is
     * MOA's {@code HDDM_A_Test}.
     *
     * @param value the bound
     * @return this builder
     */
    public Builder bound(Bound value) {
      this.bound = Objects.requireNonNull(value, "bound");
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     * @throws IllegalArgumentException if the warning confidence is below the drift confidence
     */
    public HddmA build() {
      checkConfidences();
      Bound b = bound != null ? bound
          : direction == Direction.BOTH ? Bound.TWO_SIDED : Bound.ONE_SIDED;
      return new HddmA(driftConfidence, warningConfidence, direction, b);
    }
  }

  @Override
  DriftState step(double x) {
    n++;
    sum += x;
    double mean = sum / n;
    double eps = Math.sqrt(1.0 / (2 * n) * logCut);
    if (upN == 0 || mean + eps <= upBound) {
      upN = n;
      upSum = sum;
      upBound = mean + eps;
    }
    if (downN == 0 || mean - eps >= downBound) {
      downN = n;
      downSum = sum;
      downBound = mean - eps;
    }
    // Hoeffding: a gap d between the cut prefix and the whole is significant at confidence c
    // when d >= sqrt(m / 2 * ln(k/c)), k = 1 or 2 by the bound (MOA's arithmetic, to the bit)
    boolean up = direction.up();
    boolean down = direction.down();
    if ((up && significant(mean - upSum / upN, upN, logDrift))
        || (down && significant(downSum / downN - mean, downN, logDrift))) {
      restartOnNextValue();
      return DriftState.DRIFT;
    }
    return (up && significant(mean - upSum / upN, upN, logWarning))
        || (down && significant(downSum / downN - mean, downN, logWarning))
        ? DriftState.WARNING : DriftState.NONE;
  }

  private boolean significant(double gap, long cutN, double log) {
    if (cutN >= n) {
      return false;
    }
    double m = (double) (n - cutN) / cutN * (1.0 / n);
    return gap >= Math.sqrt(m / 2 * log);
  }

  @Override
  void clear() {
    n = 0;
    sum = 0;
    upN = 0;
    upSum = 0;
    upBound = 0;
    downN = 0;
    downSum = 0;
    downBound = 0;
  }

  /**
   * The mean since the start or the last drift; 0 before any value.
   *
   * @return the estimate
   */
  @Override
  public double estimate() {
    return n == 0 ? 0 : sum / n;
  }

  @Override
  public String name() {
    return "HDDM-A(driftConfidence=" + driftConfidence + ", warningConfidence="
        + warningConfidence + ", direction=" + direction + ", bound=" + bound + ")";
  }
}
