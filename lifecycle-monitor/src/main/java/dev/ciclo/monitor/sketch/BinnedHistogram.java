package dev.ciclo.monitor.sketch;

import dev.ciclo.api.internal.Checks;
import java.util.Arrays;

/**
 * Counts of values in fixed bins, for population stability and Jensen-Shannon tests.
 *
 * <p>The bins are given by their inner edges {@code e_1 < ... < e_{b-1}}: a value {@code x} goes
 * to bin {@code i} where {@code i} is the number of edges {@code <= x} (NumPy's
 * {@code searchsorted(edges, x, side="right")}), so the first and last bins are open-ended and
 * every finite value has a bin. {@link #fromReference} places the edges at the reference's
 * quantiles. Memory is one counter per bin. Histograms with the same edges merge.
 *
 * <p>Not thread-safe.
 */
public final class BinnedHistogram {
  private final double[] edges;
  private final long[] counts;

  private BinnedHistogram(double[] edges) {
    this.edges = edges;
    this.counts = new long[edges.length + 1];
  }

  /**
   * An empty histogram with the given inner edges.
   *
   * @param edges the inner edges, finite and strictly increasing; may be empty (one bin)
   * @return a new histogram
   * @throws IllegalArgumentException if the edges are not finite and strictly increasing
   */
  public static BinnedHistogram withEdges(double[] edges) {
    double[] e = edges.clone();
    for (int i = 0; i < e.length; i++) {
      if (!Double.isFinite(e[i]) || (i > 0 && e[i] <= e[i - 1])) {
        throw new IllegalArgumentException(
            "edges must be finite and strictly increasing but edges[" + i + "] was " + e[i]);
      }
    }
    return new BinnedHistogram(e);
  }

  /**
   * A histogram whose edges are the reference's quantiles at {@code 1/bins, ..., (bins-1)/bins}
   * (linear interpolation, NumPy's default), duplicates removed, and which holds the reference's
   * counts.
   *
   * @param reference the reference values, finite, not empty
   * @param bins the number of bins wanted, at least 2 (fewer remain when quantiles coincide)
   * @return a new histogram holding the reference
   * @throws IllegalArgumentException if the reference is empty or holds NaN, or bins is below 2
   */
  public static BinnedHistogram fromReference(double[] reference, int bins) {
    Checks.finiteSample(reference, "reference");
    Checks.atLeast(bins, 2, "bins");
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double[] e = new double[bins - 1];
    int n = 0;
    for (int i = 1; i < bins; i++) {
      double q = quantileSorted(sorted, (double) i / bins);
      if (n == 0 || q > e[n - 1]) {
        e[n++] = q;
      }
    }
    BinnedHistogram h = new BinnedHistogram(Arrays.copyOf(e, n));
    h.addAll(reference);
    return h;
  }

  /** Type-7 (linear) quantile of sorted values. */
  static double quantileSorted(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * An empty histogram with this one's edges.
   *
   * @return a new histogram
   */
  public BinnedHistogram emptyCopy() {
    return new BinnedHistogram(edges);
  }

  /**
   * Counts a value.
   *
   * @param value the value, finite
   * @throws IllegalArgumentException if it is NaN or infinite
   */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite but was " + value);
    }
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    counts[lo]++;
  }

  /**
   * Counts every value of an array.
   *
   * @param values the values, finite
   * @throws IllegalArgumentException if one is NaN or infinite
   */
  public void addAll(double[] values) {
    for (double v : values) {
      add(v);
    }
  }

  /**
   * Adds another histogram's counts to this one.
   *
   * @param other a histogram with the same edges
   * @throws IllegalArgumentException if the edges differ
   */
  public void merge(BinnedHistogram other) {
    if (!Arrays.equals(edges, other.edges)) {
      throw new IllegalArgumentException("other histogram's edges must be "
          + Arrays.toString(edges) + " but were " + Arrays.toString(other.edges));
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  /**
   * The inner edges.
   *
   * @return a copy
   */
  public double[] edges() {
    return edges.clone();
  }

  /**
   * The counts by bin.
   *
   * @return a copy, one more than the edges
   */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * How many values were counted.
   *
   * @return the total
   */
  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }
}
