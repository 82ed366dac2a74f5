package dev.ciclo.monitor.detect;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.monitor.internal.KsDistribution;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * KSWIN, the Kolmogorov-Smirnov windowing detector of Raab, Heusinger and Schleif, "Reactive Soft
 * Prototype Computing for Concept Drift Streams" (Neurocomputing 2020).
 *
 * <p>It keeps the last {@code windowSize} values. Once the window is full, every value it
 * compares the newest {@code statSize} values with {@code statSize} values drawn without
 * replacement from the older part by a two-sample KS test; a p-value at most {@code alpha} with a
 * statistic above {@code minStatistic} is a drift, after which the window keeps only the newest
 * {@code statSize} values. Works on any finite values and flags changes of any kind (location,
 * scale, shape).
 *
 * <p>Defaults (the paper's and River's): {@code alpha = 0.005}, {@code windowSize = 100},
 * {@code statSize = 30}, {@code minStatistic = 0.1} (River's extra guard), random draws from
 * {@code seed = 0}. The p-value is the exact two-sample one (as River's {@code method="exact"}).
 * No warning state. An update costs {@code O(statSize log statSize)} once the window is full.
 *
 * <p>Not thread-safe.
 */
public final class Kswin extends AbstractDetector {
  private final double alpha;
  private final int windowSize;
  private final int statSize;
  private final double minStatistic;
  private final long seed;
  private final double[] pByH;
  private final double[] window;
  private final double[] older;
  private final double[] recent;
  private final int[] indices;
  private int size;
  private int head;
  private double sum;
  private SplittableRandom random;

  private Kswin(double alpha, int windowSize, int statSize, double minStatistic, long seed) {
    super("KSWIN", false);
    this.alpha = alpha;
    this.windowSize = windowSize;
    this.statSize = statSize;
    this.minStatistic = minStatistic;
    this.seed = seed;
    this.window = new double[windowSize];
    this.older = new double[statSize];
    this.recent = new double[statSize];
    this.indices = new int[windowSize - statSize];
    this.pByH = new double[statSize + 1];
    for (int h = 0; h <= statSize; h++) {
      pByH[h] = KsDistribution.pValue(statSize, statSize, (double) h / statSize);
    }
    clear();
  }

  /**
   * A KSWIN with the paper's defaults (alpha 0.005, window 100, statistic window 30, minimum
   * statistic 0.1, seed 0).
   *
   * @return a new detector
   */
  public static Kswin create() {
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

  /** Settings for a {@link Kswin}; each setter checks its value at once. */
  public static final class Builder {
    private double alpha = 0.005;
    private int windowSize = 100;
    private int statSize = 30;
    private double minStatistic = 0.1;
    private long seed;

    private Builder() {}

    /**
     * The significance level; default 0.005.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code (0, 1)}
     */
    public Builder alpha(double value) {
      this.alpha = Checks.open01(value, "alpha");
      return this;
    }

    /**
     * The values kept; default 100.
     *
     * @param value greater than {@code 2 * statSize}
     * @return this builder
     * @throws IllegalArgumentException if below 11
     */
    public Builder windowSize(int value) {
      this.windowSize = Checks.atLeast(value, 11, "windowSize");
      return this;
    }

    /**
     * The values compared on each side; default 30.
     *
     * @param value at least 5
     * @return this builder
     * @throws IllegalArgumentException if below 5
     */
    public Builder statSize(int value) {
      this.statSize = Checks.atLeast(value, 5, "statSize");
      return this;
    }

    /**
     * The smallest KS statistic that counts as a drift; default 0.1.
     *
     * @param value in {@code [0, 1]}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code [0, 1]}
     */
    public Builder minStatistic(double value) {
      this.minStatistic = Checks.between(value, 0, 1, "minStatistic");
      return this;
    }

    /**
     * The seed of the random draws; default 0.
     *
     * @param value any
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Makes the detector.
     *
     * @return a new detector
     * @throws IllegalArgumentException if the window is not larger than twice the statistic
     *     window
     */
    public Kswin build() {
      Checks.atLeast(windowSize, 2 * statSize + 1, "windowSize");
      return new Kswin(alpha, windowSize, statSize, minStatistic, seed);
    }
  }

  @Override
  DriftState step(double x) {
    if (size == windowSize) {
      sum -= window[head];
    } else {
      size++;
    }
    window[head] = x;
    sum += x;
    head = (head + 1) % windowSize;
    if (size < windowSize) {
      return DriftState.NONE;
    }
    // window in time order: index t maps to (head + t) % windowSize
    int olderCount = windowSize - statSize;
    for (int i = 0; i < olderCount; i++) {
      indices[i] = i;
    }
    for (int i = 0; i < statSize; i++) {
      int k = i + random.nextInt(olderCount - i);
      int tmp = indices[i];
      indices[i] = indices[k];
      indices[k] = tmp;
      older[i] = window[(head + indices[i]) % windowSize];
      recent[i] = window[(head + olderCount + i) % windowSize];
    }
    Arrays.sort(older);
    Arrays.sort(recent);
    int h = maxGap(older, recent);
    double d = (double) h / statSize;
    if (pByH[h] <= alpha && d > minStatistic) {
      // keep only the newest statSize values, in time order
      double[] keep = new double[statSize];
      for (int i = 0; i < statSize; i++) {
        keep[i] = window[(head + olderCount + i) % windowSize];
      }
      size = statSize;
      head = statSize % windowSize;
      sum = 0;
      for (int i = 0; i < statSize; i++) {
        window[i] = keep[i];
        sum += keep[i];
      }
      return DriftState.DRIFT;
    }
    return DriftState.NONE;
  }

  /** The largest |i - j| of the two empirical CDFs (equal sizes), with ties handled. */
  private static int maxGap(double[] a, double[] b) {
    int n = a.length;
    int i = 0;
    int j = 0;
    int best = 0;
    while (i < n && j < n) {
      double v = Math.min(a[i], b[j]);
      while (i < n && a[i] <= v) {
        i++;
      }
      while (j < n && b[j] <= v) {
        j++;
      }
      best = Math.max(best, Math.abs(i - j));
    }
    return best;
  }

  @Override
  void clear() {
    size = 0;
    head = 0;
    sum = 0;
    random = new SplittableRandom(seed);
  }

  /**
   * The mean of the values in the window; 0 before any value.
   *
   * @return the estimate
   */
  @Override
  public double estimate() {
    return size == 0 ? 0 : sum / size;
  }

  @Override
  public String name() {
    return "KSWIN(alpha=" + alpha + ", windowSize=" + windowSize + ", statSize=" + statSize
        + ", minStatistic=" + minStatistic + ", seed=" + seed + ")";
  }
}
