package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftState;

/**
 * ADWIN, the adaptive sliding window of Bifet and Gavaldà, "Learning from Time-Changing Data
 * with Adaptive Windowing" (SDM 2007), in its ADWIN2 form with an exponential histogram.
 *
 * <p>It keeps a window of recent values whose mean it trusts, and drops the oldest part whenever
 * two sub-windows have means that differ by more than a bound that holds with confidence
 * {@code 1 - delta}. Works on any finite values (the bound uses the window's variance). Memory is
 * {@code O(maxBuckets * log(width))}; an update costs {@code O(1)} amortised, and every
 * {@code clock} values a cut check costs {@code O(maxBuckets * log(width))}.
 *
 * <p>Defaults (the paper's and MOA's): {@code delta = 0.002}, check every {@code clock = 32}
 * values, {@code maxBuckets = 5} buckets per row, no cut that leaves a sub-window of 5 values or
 * fewer, no check before the window holds more than 10 values, and changes in both
 * directions flagged, as the paper does. MOA's {@code ADWINChangeDetector} flags a cut only when
 * it raised the estimate above the one before the value came in: {@code
 * direction(Direction.INCREASE)} does the same, and then gives MOA's alarm indices exactly
 * (asserted in {@code lifecycle-bench}'s {@code MoaOracleTest}). ADWIN has no warning state.
 * {@link #estimate()} is the mean of the current window.
 *
 * <p>Not thread-safe.
 */
public final class Adwin extends AbstractDetector {
  private static final int MIN_SUB_WINDOW = 5;
  private static final int MIN_WIDTH_TO_CHECK = 10;
  private static final int MAX_ROWS = 64;

  private final double delta;
  private final int clock;
  private final int maxBuckets;
  private final Direction direction;
  private final double[][] totals;
  private final double[][] variances;
  private final int[] lengths;
  private int rows;
  private long width;
  private double total;
  private double variance;
  private long time;

  private Adwin(double delta, int clock, int maxBuckets, Direction direction) {
    super("ADWIN", false);
    this.delta = delta;
    this.clock = clock;
    this.maxBuckets = maxBuckets;
    this.direction = direction;
    this.totals = new double[MAX_ROWS][maxBuckets + 1];
    this.variances = new double[MAX_ROWS][maxBuckets + 1];
    this.lengths = new int[MAX_ROWS];
  }

  /**
   * An ADWIN with the paper's defaults ({@code delta = 0.002}, clock 32, 5 buckets per row, both
   * directions).
   *
   * @return a new detector
   */
  public static Adwin create() {
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

  /** Settings for an {@link Adwin}; each setter checks its value at once. */
  public static final class Builder {
    private double delta = 0.002;
    private int clock = 32;
    private int maxBuckets = 5;
    private Direction direction = Direction.BOTH;

    private Builder() {}

    /**
     * The confidence parameter; smaller means fewer false alarms and later detection; default
     * 0.002.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code (0, 1)}
     */
    public Builder delta(double value) {
      this.delta = Checks.open01(value, "delta");
      return this;
    }

    /**
     * Check for a cut every this many values; default 32.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder clock(int value) {
      this.clock = Checks.atLeast(value, 1, "clock");
      return this;
    }

    /**
     * Buckets per row of the exponential histogram; default 5.
     *
     * @param value at least 2
     * @return this builder
     * @throws IllegalArgumentException if below 2
     */
    public Builder maxBuckets(int value) {
      this.maxBuckets = Checks.atLeast(value, 2, "maxBuckets");
      return this;
    }

    /**
     * Which changes of the window's mean to flag; default {@link Direction#BOTH}. The window is
     * cut either way; a cut that moved the mean the other way is not reported.
     *
     * @param value the direction
     * @return this builder
     */
    public Builder direction(Direction value) {
      this.direction = java.util.Objects.requireNonNull(value, "direction");
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     */
    public Adwin build() {
      return new Adwin(delta, clock, maxBuckets, direction);
    }
  }

  /**
   * The number of values in the current window.
   *
   * @return the width
   */
  public long width() {
    return width;
  }

  @Override
  DriftState step(double value) {
    time++;
    double before = estimate();
    insert(value);
    if (time % clock != 0 || width <= MIN_WIDTH_TO_CHECK) {
      return DriftState.NONE;
    }
    boolean change = false;
    while (width > 0 && cutOnce()) {
      change = true;
    }
    if (!change) {
      return DriftState.NONE;
    }
    double after = estimate();
    boolean flagged = direction == Direction.BOTH
        || (direction == Direction.INCREASE ? after > before : after < before);
    return flagged ? DriftState.DRIFT : DriftState.NONE;
  }

  private void insert(double value) {
    if (width > 0) {
      double d = value - total / width;
      variance += width * d * d / (width + 1);
    }
    width++;
    total += value;
    if (rows == 0) {
      rows = 1;
    }
    int k = lengths[0]++;
    totals[0][k] = value;
    variances[0][k] = 0;
    compress();
  }

  private void compress() {
    for (int r = 0; r < rows && lengths[r] > maxBuckets; r++) {
      if (r + 1 == MAX_ROWS) {
        return;
      }
      double n = (double) (1L << r);
      double[] t = totals[r];
      double[] v = variances[r];
      double d = t[0] / n - t[1] / n;
      double mergedTotal = t[0] + t[1];
      double mergedVariance = v[0] + v[1] + n * n * d * d / (2 * n);
      int len = lengths[r];
      System.arraycopy(t, 2, t, 0, len - 2);
      System.arraycopy(v, 2, v, 0, len - 2);
      lengths[r] = len - 2;
      if (r + 1 == rows) {
        rows++;
        lengths[r + 1] = 0;
      }
      int k = lengths[r + 1]++;
      totals[r + 1][k] = mergedTotal;
      variances[r + 1][k] = mergedVariance;
    }
  }

  /** Looks for a cut; drops the oldest bucket and returns true if it finds one. */
  private boolean cutOnce() {
    long n0 = 0;
    long n1 = width;
    double u0 = 0;
    double u1 = total;
    double v = variance / width;
    double dd = Math.log(2 * Math.log(width) / delta);
    for (int r = rows - 1; r >= 0; r--) {
      long size = 1L << r;
      double[] t = totals[r];
      int len = lengths[r];
      for (int k = 0; k < len; k++) {
        n0 += size;
        n1 -= size;
        u0 += t[k];
        u1 -= t[k];
        if (r == 0 && k == len - 1) {
          return false;
        }
        if (n1 > MIN_SUB_WINDOW + 1 && n0 > MIN_SUB_WINDOW + 1) {
          double diff = u0 / n0 - u1 / n1;
          double m = 1.0 / (n0 - MIN_SUB_WINDOW + 1) + 1.0 / (n1 - MIN_SUB_WINDOW + 1);
          double eps = Math.sqrt(2 * m * v * dd) + 2.0 / 3.0 * dd * m;
          if (Math.abs(diff) > eps) {
            dropOldest();
            return true;
          }
        }
      }
    }
    return false;
  }

  private void dropOldest() {
    int r = rows - 1;
    long n = 1L << r;
    double t = totals[r][0];
    width -= n;
    total -= t;
    if (width == 0) {
      total = 0;
      variance = 0;
    } else {
      double d = t / n - total / width;
      variance -= variances[r][0] + n * width * d * d / (n + width);
      if (variance < 0) {
        variance = 0;
      }
    }
    int len = lengths[r];
    System.arraycopy(totals[r], 1, totals[r], 0, len - 1);
    System.arraycopy(variances[r], 1, variances[r], 0, len - 1);
    lengths[r] = len - 1;
    if (lengths[r] == 0) {
      rows--;
    }
  }

  @Override
  void clear() {
    for (int r = 0; r < MAX_ROWS; r++) {
      lengths[r] = 0;
    }
    rows = 0;
    width = 0;
    total = 0;
    variance = 0;
    time = 0;
  }

  /**
   * The mean of the current window; 0 before any value.
   *
   * @return the estimate
   */
  @Override
  public double estimate() {
    return width == 0 ? 0 : total / width;
  }

  @Override
  public String name() {
    return "ADWIN(delta=" + delta + ", clock=" + clock + ", maxBuckets=" + maxBuckets
        + ", direction=" + direction + ")";
  }
}
