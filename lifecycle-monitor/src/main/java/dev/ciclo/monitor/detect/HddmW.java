package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftState;

/**
 * HDDM-W, the drift detector with McDiarmid's bound on exponentially weighted moving averages
 * ("W-test") of Frías-Blanco et al., "Online and Non-Parametric Drift Detection Methods Based on
 * Hoeffding's Bounds" (IEEE TKDE 2015), for an error stream of 0s and 1s.
 *
 * <p>It keeps an EWMA of the whole stream and, at the cut point where EWMA plus its bound was
 * smallest, compares the EWMA before the cut with an EWMA of the values after it; a difference
 * larger than McDiarmid's bound at {@code driftConfidence} is a drift, at
 * {@code warningConfidence} a warning. Recent values weigh more, so it reacts faster than
 * {@link HddmA} to abrupt changes.
 *
 * <p>Defaults (the paper's, MOA's and River's): {@code driftConfidence = 0.001},
 * {@code warningConfidence = 0.005}, {@code lambda = 0.05}, one-sided ({@link
 * Direction#INCREASE}). {@code O(1)} time and memory.
 *
 * <p>Not thread-safe.
 */
public final class HddmW extends AbstractDetector {
  private final double driftConfidence;
  private final double warningConfidence;
  private final double lambda;
  private final Direction direction;
  private final double logDrift;
  private final double logWarning;
  private final Ewma total = new Ewma();
  private final Ewma upBefore = new Ewma();
  private final Ewma upAfter = new Ewma();
  private final Ewma downBefore = new Ewma();
  private final Ewma downAfter = new Ewma();
  private double upCut;
  private double downCut;

  private HddmW(double drift, double warning, double lambda, Direction direction) {
    super("HDDM-W", true);
    this.driftConfidence = drift;
    this.warningConfidence = warning;
    this.lambda = lambda;
    this.direction = direction;
    this.logDrift = Math.log(1 / drift);
    this.logWarning = Math.log(1 / warning);
    clear();
  }

  /**
   * An HDDM-W with the paper's defaults (0.001, 0.005, lambda 0.05, increases).
   *
   * @return a new detector
   */
  public static HddmW create() {
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

  /** Settings for an {@link HddmW}; each setter checks its value at once. */
  public static final class Builder extends HddmSettings<Builder> {
    private double lambda = 0.05;

    private Builder() {}

    /**
     * The EWMA weight of a new value; default 0.05.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code (0, 1)}
     */
    public Builder lambda(double value) {
      this.lambda = Checks.open01(value, "lambda");
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     * @throws IllegalArgumentException if the warning confidence is below the drift confidence
     */
    public HddmW build() {
      checkConfidences();
      return new HddmW(driftConfidence, warningConfidence, lambda, direction);
    }
  }

  @Override
  DriftState step(double x) {
    total.add(x, lambda);
    double bound = Math.sqrt(total.weights * logDrift / 2);
    if (total.value + bound < upCut) {
      upCut = total.value + bound;
      upBefore.copy(total);
      upAfter.empty();
    } else {
      upAfter.add(x, lambda);
    }
    if (total.value - bound > downCut) {
      downCut = total.value - bound;
      downBefore.copy(total);
      downAfter.empty();
    } else {
      downAfter.add(x, lambda);
    }
    // McDiarmid: a gap d is significant at confidence c when d > sqrt(w * ln(1/c) / 2), that
    // is when 2 d^2 / w > ln(1/c), with w the two EWMAs' sums of squared weights
    double z = Math.max(direction.up() ? score(upAfter.value - upBefore.value, upBefore, upAfter)
        : -1, direction.down() ? score(downBefore.value - downAfter.value, downBefore, downAfter)
        : -1);
    if (z > logDrift) {
      restartOnNextValue();
      return DriftState.DRIFT;
    }
    return z > logWarning ? DriftState.WARNING : DriftState.NONE;
  }

  private static double score(double gap, Ewma before, Ewma after) {
    if (before.weights == 0 || after.weights == 0 || gap <= 0) {
      return -1;
    }
    return 2 * gap * gap / (before.weights + after.weights);
  }

  @Override
  void clear() {
    total.empty();
    upBefore.empty();
    upAfter.empty();
    downBefore.empty();
    downAfter.empty();
    upCut = Double.POSITIVE_INFINITY;
    downCut = Double.NEGATIVE_INFINITY;
  }

  /**
   * The EWMA of the stream since the start or the last drift; 0 before any value.
   *
   * @return the estimate
   */
  @Override
  public double estimate() {
    return total.weights == 0 ? 0 : total.value;
  }

  @Override
  public String name() {
    return "HDDM-W(driftConfidence=" + driftConfidence + ", warningConfidence="
        + warningConfidence + ", lambda=" + lambda + ", direction=" + direction + ")";
  }

  /** An EWMA and the sum of its squared weights (McDiarmid's bound needs it). */
  private static final class Ewma {
    double value;
    double weights;

    void add(double x, double lambda) {
      if (weights == 0) {
        value = x;
        weights = 1;
      } else {
        double keep = 1 - lambda;
        value = lambda * x + keep * value;
        weights = lambda * lambda + keep * keep * weights;
      }
    }

    void copy(Ewma other) {
      value = other.value;
      weights = other.weights;
    }

    void empty() {
      value = 0;
      weights = 0;
    }
  }
}
