package dev.ciclo.monitor.sketch;

import dev.ciclo.api.internal.Checks;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A mergeable quantile sketch in bounded memory (the multi-level compactor of Manku, Rajagopalan
 * and Lindsay 1998, as used by KLL), deterministic.
 *
 * <p>Values go into a buffer of {@code k} items; a full buffer is sorted and every other item is
 * promoted to the next level with twice the weight (the starting offset alternates per level, so
 * no side is favoured). Fewer than {@code k} values are held exactly. Memory is at most
 * {@code 2k} values per level and {@code log2(n/k) + 1} levels (a level's buffer grows with what
 * it holds, so memory follows {@link #retained()}). The rank error of a quantile is at most
 * {@code (log2(n/k) + 3) / k} of {@code n} whatever the stream (a compaction at level {@code h}
 * moves a rank by at most its weight {@code 2^h}, at most {@code n / (k 2^h)} compactions happen
 * there, over at most {@code log2(n/k) + 1} levels, and a read adds at most the top level's
 * weight) and far less in practice (about 0.2% at the default {@code k = 1024} for a million
 * values). Two sketches with the same {@code k} merge into one that summarises both streams.
 *
 * <p>Serializable (Java serialization) so that engines such as Spark can ship partial sketches
 * between nodes, in a compact form: the values each level holds and the state that decides later
 * compactions, so a sketch read back adds and merges exactly as the one written would (about
 * {@code 8 * retained() + 4 * levels + 50} bytes). Not a storage format. Not thread-safe.
 */
public final class QuantileSketch implements Serializable {
  @Serial
  private static final long serialVersionUID = 2L;

  private static final int MAX_LEVELS = 64;
  /** The first capacity of a level above the first (k is at least 16, so 2k is at least 32). */
  private static final int INITIAL_CAPACITY = 32;
  private static final byte FORM_VERSION = 1;

  private final int k;
  private final double[][] levels = new double[MAX_LEVELS][];
  private final int[] sizes = new int[MAX_LEVELS];
  private final boolean[] parity = new boolean[MAX_LEVELS];
  private int levelCount = 1;
  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private boolean compacted;
  private transient double[][] sortedCache;

  private QuantileSketch(int k) {
    this.k = k;
    levels[0] = new double[k];
  }

  /**
   * A sketch with {@code k = 1024}.
   *
   * @return a new, empty sketch
   */
  public static QuantileSketch create() {
    return new QuantileSketch(1024);
  }

  /**
   * A sketch with the given buffer size.
   *
   * @param k the buffer size per level, an even number of at least 16; default 1024
   * @return a new, empty sketch
   * @throws IllegalArgumentException if {@code k} is odd or below 16
   */
  public static QuantileSketch create(int k) {
    Checks.atLeast(k, 16, "k");
    if (k % 2 != 0) {
      throw new IllegalArgumentException("k must be even but was " + k);
    }
    return new QuantileSketch(k);
  }

  /**
   * Adds a value.
   *
   * @param value the value, finite
   * @throws IllegalArgumentException if it is NaN or infinite
   */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite but was " + value);
    }
    count++;
    sortedCache = null;
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (sizes[0] == levels[0].length) {
      grow(0);
    }
    levels[0][sizes[0]++] = value;
    if (sizes[0] >= k) {
      compactFrom(0);
    }
  }

  /**
   * Adds every value of an array.
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
   * Adds another sketch's values to this one; the other is unchanged.
   *
   * @param other a sketch with the same {@code k}
   * @throws IllegalArgumentException if its {@code k} differs
   */
  public void merge(QuantileSketch other) {
    if (other.k != k) {
      throw new IllegalArgumentException(
          "other sketch's k must be " + k + " but was " + other.k);
    }
    for (int l = 0; l < other.levelCount; l++) {
      ensureLevel(l);
      for (int i = 0; i < other.sizes[l]; i++) {
        push(l, other.levels[l][i]);
      }
    }
    count += other.count;
    sortedCache = null;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    compacted |= other.compacted;
    for (int l = 0; l < levelCount; l++) {
      if (sizes[l] >= k) {
        compactFrom(l);
      }
    }
  }

  private void ensureLevel(int l) {
    if (levels[l] == null) {
      levels[l] = new double[INITIAL_CAPACITY];
    }
    levelCount = Math.max(levelCount, l + 1);
  }

  /** Appends to a level, compacting it first when it holds {@code 2k} values. */
  private void push(int l, double value) {
    if (sizes[l] == 2 * k) {
      compactFrom(l);
    } else if (sizes[l] == levels[l].length) {
      grow(l);
    }
    levels[l][sizes[l]++] = value;
  }

  private void grow(int l) {
    levels[l] = Arrays.copyOf(levels[l], Math.min(2 * k, Math.max(2 * levels[l].length, 1)));
  }

  private void compactFrom(int l) {
    while (l < MAX_LEVELS - 1 && sizes[l] >= k) {
      compacted = true;
      ensureLevel(l + 1);
      double[] buf = levels[l];
      int n = sizes[l];
      Arrays.sort(buf, 0, n);
      int keep = n % 2;
      int offset = parity[l] ? 1 : 0;
      parity[l] = !parity[l];
      for (int i = offset; i < n - keep; i += 2) {
        push(l + 1, buf[i]);
      }
      if (l > 0 && levels[l].length > INITIAL_CAPACITY) {
        // a level above the first is mostly empty between compactions: give its buffer back
        levels[l] = new double[INITIAL_CAPACITY];
      }
      if (keep == 1) {
        levels[l][0] = buf[n - 1];
      }
      sizes[l] = keep;
      l++;
    }
  }

  /**
   * How many values were added (including merged ones).
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Whether every value is still held exactly (no compaction happened yet).
   *
   * @return {@code true} if exact
   */
  public boolean isExact() {
    return !compacted;
  }

  /**
   * The values held, sorted, when the sketch is exact.
   *
   * @return a new sorted array of every value added
   * @throws IllegalStateException if the sketch has compacted (see {@link #isExact()})
   */
  public double[] exactValues() {
    if (compacted) {
      throw new IllegalStateException("the sketch holds " + count + " values in summary form");
    }
    double[] v = Arrays.copyOf(levels[0], sizes[0]);
    Arrays.sort(v);
    return v;
  }

  /**
   * The {@code q}-quantile: the smallest held value whose weighted rank reaches {@code q * n}.
   *
   * @param q the probability, in {@code [0, 1]}
   * @return the quantile
   * @throws IllegalArgumentException if {@code q} is outside {@code [0, 1]}
   * @throws IllegalStateException if the sketch is empty
   */
  public double quantile(double q) {
    Checks.between(q, 0, 1, "q");
    return quantiles(new double[] {q})[0];
  }

  /**
   * Quantiles at several probabilities, in one pass.
   *
   * @param qs probabilities in {@code [0, 1]}, ascending
   * @return the quantiles
   * @throws IllegalStateException if the sketch is empty
   */
  public double[] quantiles(double[] qs) {
    if (count == 0) {
      throw new IllegalStateException("the sketch is empty");
    }
    double[][] sw = sortedWithWeights();
    double[] values = sw[0];
    double[] cum = sw[1];
    double total = cum[cum.length - 1];
    double[] out = new double[qs.length];
    int j = 0;
    for (int i = 0; i < qs.length; i++) {
      double target = qs[i] * total;
      while (j < values.length - 1 && cum[j] < target) {
        j++;
      }
      out[i] = qs[i] <= 0 ? min : qs[i] >= 1 ? max : values[j];
    }
    return out;
  }

  /**
   * A stand-in sample of {@code m} values at the mid-points of {@code m} equal probability
   * slices; its empirical distribution approximates the stream's. An exact sketch (see {@link
   * #isExact()}) returns all its values instead.
   *
   * @param m how many values for a compacted sketch, at least 1
   * @return a new sorted array
   * @throws IllegalStateException if the sketch is empty
   */
  public double[] representative(int m) {
    Checks.atLeast(m, 1, "m");
    if (!compacted) {
      return exactValues();
    }
    double[] qs = new double[m];
    for (int i = 0; i < m; i++) {
      qs[i] = (i + 0.5) / m;
    }
    return quantiles(qs);
  }

  /**
   * The fraction of values at most {@code x}.
   *
   * @param x the point
   * @return the fraction, in {@code [0, 1]}; 0 when empty
   */
  public double cdf(double x) {
    if (count == 0) {
      return 0;
    }
    double below = 0;
    double total = 0;
    for (int l = 0; l < levelCount; l++) {
      double w = Math.scalb(1.0, l);
      for (int i = 0; i < sizes[l]; i++) {
        total += w;
        if (levels[l][i] <= x) {
          below += w;
        }
      }
    }
    return below / total;
  }

  /**
   * The mean of the held values, weighted (exact while the sketch is exact).
   *
   * @return the mean; 0 when empty
   */
  public double mean() {
    double s = 0;
    double total = 0;
    for (int l = 0; l < levelCount; l++) {
      double w = Math.scalb(1.0, l);
      for (int i = 0; i < sizes[l]; i++) {
        s += w * levels[l][i];
        total += w;
      }
    }
    return total == 0 ? 0 : s / total;
  }

  /**
   * The smallest value added.
   *
   * @return the minimum
   * @throws IllegalStateException if empty
   */
  public double min() {
    if (count == 0) {
      throw new IllegalStateException("the sketch is empty");
    }
    return min;
  }

  /**
   * The largest value added.
   *
   * @return the maximum
   * @throws IllegalStateException if empty
   */
  public double max() {
    if (count == 0) {
      throw new IllegalStateException("the sketch is empty");
    }
    return max;
  }

  /**
   * How many values the sketch holds in memory (for checking that memory stays bounded).
   *
   * @return the number of retained items
   */
  public int retained() {
    int r = 0;
    for (int l = 0; l < levelCount; l++) {
      r += sizes[l];
    }
    return r;
  }

  private double[][] sortedWithWeights() {
    if (sortedCache == null) {
      sortedCache = computeSorted();
    }
    return sortedCache;
  }

  private double[][] computeSorted() {
    int n = retained();
    double[] v = new double[n];
    double[] w = new double[n];
    int p = 0;
    for (int l = 0; l < levelCount; l++) {
      for (int i = 0; i < sizes[l]; i++) {
        v[p] = levels[l][i];
        w[p] = Math.scalb(1.0, l);
        p++;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] sv = new double[n];
    double[] cum = new double[n];
    double c = 0;
    for (int i = 0; i < n; i++) {
      sv[i] = v[order[i]];
      c += w[order[i]];
      cum[i] = c;
    }
    return new double[][] {sv, cum};
  }

  /**
   * The compact form: version, {@code k}, count, min, max, whether compacted, the levels'
   * compaction parities (a bit per level), the level count, then per level its size and values in
   * buffer order. Big-endian.
   */
  byte[] toBytes() {
    int retained = retained();
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + 8 + 8 + 1 + 8 + 4 + 4 * levelCount
        + 8 * retained);
    b.put(FORM_VERSION).putInt(k).putLong(count).putDouble(min).putDouble(max)
        .put((byte) (compacted ? 1 : 0));
    long bits = 0;
    for (int l = 0; l < MAX_LEVELS; l++) {
      if (parity[l]) {
        bits |= 1L << l;
      }
    }
    b.putLong(bits).putInt(levelCount);
    for (int l = 0; l < levelCount; l++) {
      b.putInt(sizes[l]);
      for (int i = 0; i < sizes[l]; i++) {
        b.putDouble(levels[l][i]);
      }
    }
    return b.array();
  }

  /**
   * Reads the compact form of {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the bytes are not a sketch's compact form
   */
  static QuantileSketch fromBytes(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte version = b.get();
      if (version != FORM_VERSION) {
        throw new IllegalArgumentException("sketch form version must be " + FORM_VERSION
            + " but was " + version);
      }
      int k = b.getInt();
      if (k < 16 || k % 2 != 0) {
        throw new IllegalArgumentException("k must be even and at least 16 but was " + k);
      }
      QuantileSketch s = new QuantileSketch(k);
      s.count = b.getLong();
      s.min = b.getDouble();
      s.max = b.getDouble();
      s.compacted = b.get() != 0;
      long bits = b.getLong();
      for (int l = 0; l < MAX_LEVELS; l++) {
        s.parity[l] = (bits >>> l & 1) != 0;
      }
      int levelCount = b.getInt();
      if (levelCount < 1 || levelCount > MAX_LEVELS) {
        throw new IllegalArgumentException("level count must be between 1 and " + MAX_LEVELS
            + " but was " + levelCount);
      }
      s.levelCount = levelCount;
      double weight = 0;
      for (int l = 0; l < levelCount; l++) {
        int size = b.getInt();
        if (size < 0 || size > 2 * k || size > b.remaining() / 8) {
          throw new IllegalArgumentException("level " + l + " size must be between 0 and "
              + Math.min(2 * k, b.remaining() / 8) + " but was " + size);
        }
        s.levels[l] = new double[Math.max(size, l == 0 ? k : INITIAL_CAPACITY)];
        for (int i = 0; i < size; i++) {
          double v = b.getDouble();
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("level " + l + " holds a non-finite value " + v);
          }
          s.levels[l][i] = v;
        }
        s.sizes[l] = size;
        weight += size * Math.scalb(1.0, l);
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " bytes after the last level");
      }
      // compactions keep the total weight: it is the count
      if (weight != s.count || (s.count > 0 && !(s.min <= s.max))) {
        throw new IllegalArgumentException("count " + s.count + ", min " + s.min + " and max "
            + s.max + " do not fit the held values");
      }
      return s;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("the sketch form is truncated (" + bytes.length
          + " bytes)", e);
    }
  }

  @Serial
  private Object writeReplace() {
    return new CompactForm(CompactForm.Kind.QUANTILES, toBytes());
  }

  @Serial
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw CompactForm.Kind.QUANTILES.notThroughForm();
  }
}
