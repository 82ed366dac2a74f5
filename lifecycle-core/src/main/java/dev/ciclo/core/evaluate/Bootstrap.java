package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.Interval;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap: draws {@code resamples} samples of the same size with replacement,
 * recomputes each metric on each, and reports the {@code (1 - level) / 2} and
 * {@code (1 + level) / 2} percentiles (linear interpolation between order statistics, as
 * NumPy's default {@code percentile}).
 *
 * <pre>{@code
 * Bootstrap b = Bootstrap.builder().resamples(2000).level(0.95).seed(7).build();
 * ClassificationEvaluation ev = ClassificationEvaluator.fromLabels(actual, predicted, b);
 * }</pre>
 *
 * <p>The same data, settings and seed always give the same intervals. Cost is
 * {@code O(resamples * n)}. Immutable and thread-safe.
 */
public final class Bootstrap {
  private final int resamples;
  private final double level;
  private final long seed;

  private Bootstrap(Builder b) {
    this.resamples = b.resamples;
    this.level = b.level;
    this.seed = b.seed;
  }

  /**
   * A builder with the defaults: 1000 resamples, level 0.95, seed 0.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The number of resamples.
   *
   * @return at least 10
   */
  public int resamples() {
    return resamples;
  }

  /**
   * The confidence level.
   *
   * @return in {@code (0, 1)}
   */
  public double level() {
    return level;
  }

  /**
   * The seed of the resampling.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /** Computes named metrics from the indices of one resample. */
  interface Statistic {
    /**
     * The metrics on a resample.
     *
     * @param sample indices into the data, with repeats
     * @return one value per metric name, in the order of the names
     */
    double[] compute(int[] sample);
  }

  /**
   * Percentile intervals of several metrics.
   *
   * @param n the data size, positive
   * @param names the metric names
   * @param statistic computes the metrics, in the order of the names
   * @return the intervals by name, in the order of the names
   */
  Map<String, Interval> intervals(int n, List<String> names, Statistic statistic) {
    double[][] values = new double[names.size()][resamples];
    SplittableRandom random = new SplittableRandom(seed);
    int[] sample = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        sample[i] = random.nextInt(n);
      }
      double[] v = statistic.compute(sample);
      for (int m = 0; m < v.length; m++) {
        values[m][b] = v[m];
      }
    }
    Map<String, Interval> out = new LinkedHashMap<>();
    for (int m = 0; m < names.size(); m++) {
      double[] sorted = values[m];
      Arrays.sort(sorted);
      out.put(names.get(m), new Interval(
          percentile(sorted, (1 - level) / 2), percentile(sorted, (1 + level) / 2), level));
    }
    return out;
  }

  /** NumPy's default ("linear") percentile of sorted values, q in [0, 1]. */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  @Override
  public String toString() {
    return "Bootstrap[resamples=" + resamples + ", level=" + level + ", seed=" + seed + "]";
  }

  /** Configures a {@link Bootstrap}. Not thread-safe. */
  public static final class Builder {
    private int resamples = 1000;
    private double level = 0.95;
    private long seed;

    private Builder() {}

    /**
     * How many resamples to draw. Default 1000.
     *
     * @param resamples from 10 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder resamples(int resamples) {
      if (resamples < 10 || resamples > 1_000_000) {
        throw new IllegalArgumentException(
            "resamples must be between 10 and 1000000 but was " + resamples);
      }
      this.resamples = resamples;
      return this;
    }

    /**
     * The confidence level. Default 0.95.
     *
     * @param level in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder level(double level) {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException(
            "level must be between 0 and 1 (exclusive) but was " + level);
      }
      this.level = level;
      return this;
    }

    /**
     * The seed of the resampling. Default 0.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Makes the bootstrap.
     *
     * @return the bootstrap
     */
    public Bootstrap build() {
      return new Bootstrap(this);
    }
  }
}
