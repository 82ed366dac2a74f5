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
 * fewer, no check before the window holds more than 10 values. ADWIN flags changes in both
 * directions, as the paper does; MOA's {@code ADWINChangeDetector} flags only increases. ADWIN
 * has no warning state. {@link #estimate()} is the mean of the current window.
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
  private final double[][] totals;
  private final double[][] variances;
  private final int[] lengths;
  private int rows;
  private long width;
  private double total;
  private double variance;
  private long time;

  private Adwin(double delta, int clock, int maxBuckets) {
    super("ADWIN", false);
    this.delta = delta;
    this.clock = clock;
    this.maxBuckets = maxBuckets;
    this.totals = new double[MAX_ROWS][maxBuckets + 1];
    this.variances = new double[MAX_ROWS][maxBuckets + 1];
    this.lengths = new int[MAX_ROWS];
  }

  /**
   * An ADWIN with the paper's defaults ({@code delta = 0.002}, clock 32, 5 buckets per row).
   *
   * @return a new detector
   */
  public static Adwin create() {
    return new Adwin(0.002, 32, 5);
  }

  /**
   * An ADWIN with the given confidence and the other defaults.
   *
   * @param delta the confidence parameter, in {@code (0, 1)}; smaller means fewer false alarms
   *     and later detection
   * @return a new detector
   * @throws IllegalArgumentException if {@code delta} is outside {@code (0, 1)}
   */
  public static Adwin create(double delta) {
    return new Adwin(Checks.open01(delta, "delta"), 32, 5);
  }

  /**
   * An ADWIN with every setting given.
   *
   * @param delta the confidence parameter, in {@code (0, 1)}; default 0.002
   * @param clock check for a cut every this many values, at least 1; default 32
   * @param maxBuckets buckets per row of the exponential histogram, at least 2; default 5
   * @return a new detector
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Adwin create(double delta, int clock, int maxBuckets) {
    return new Adwin(
        Checks.open01(delta, "delta"),
        Checks.atLeast(clock, 1, "clock"),
        Checks.atLeast(maxBuckets, 2, "maxBuckets"));
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
    insert(value);
    if (time % clock != 0 || width <= MIN_WIDTH_TO_CHECK) {
      return DriftState.NONE;
    }
    boolean change = false;
    while (width > 0 && cutOnce()) {
      change = true;
    }
    return change ? DriftState.DRIFT : DriftState.NONE;
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
    return "ADWIN(delta=" + delta + ", clock=" + clock + ", maxBuckets=" + maxBuckets + ")";
  }
}
