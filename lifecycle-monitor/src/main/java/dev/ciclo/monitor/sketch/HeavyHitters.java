package dev.ciclo.monitor.sketch;

import dev.ciclo.api.internal.Checks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The most frequent items of a stream in bounded memory: Space-Saving of Metwally, Agrawal and
 * El Abbadi, "Efficient Computation of Frequent and Top-k Elements in Data Streams" (ICDT 2005).
 *
 * <p>It keeps {@code capacity} counters; a new item replaces the smallest one and inherits its
 * count as possible over-count. Every item that occurs more than {@code n / capacity} times is
 * kept, and a reported count exceeds the true count by at most the reported error. Merging sums
 * the counters and keeps the largest {@code capacity}.
 *
 * <p>Not thread-safe. Serializable, so that summaries can travel between the nodes of a
 * cluster and merge there.
 */
public final class HeavyHitters implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int capacity;
  private final HashMap<String, long[]> counters = new HashMap<>();
  private long total;

  /**
   * One item and its estimated count.
   *
   * @param item the item
   * @param count the estimated count, at least the true count
   * @param error how much the estimate may exceed the true count
   */
  public record Entry(String item, long count, long error) {
    /**
     * Checks the values.
     *
     * @throws NullPointerException if the item is null
     */
    public Entry {
      Objects.requireNonNull(item, "item");
    }
  }

  private HeavyHitters(int capacity) {
    this.capacity = capacity;
  }

  /**
   * A summary with {@code capacity} counters.
   *
   * @param capacity the counters kept, at least 1
   * @return a new, empty summary
   * @throws IllegalArgumentException if below 1
   */
  public static HeavyHitters create(int capacity) {
    return new HeavyHitters(Checks.atLeast(capacity, 1, "capacity"));
  }

  /**
   * Counts one occurrence.
   *
   * @param item the item, not null
   */
  public void add(String item) {
    add(item, 1, 0);
  }

  private void add(String item, long n, long error) {
    Objects.requireNonNull(item, "item");
    total += n;
    long[] c = counters.get(item);
    if (c != null) {
      c[0] += n;
      c[1] += error;
      return;
    }
    if (counters.size() < capacity) {
      counters.put(item, new long[] {n, error});
      return;
    }
    String smallest = null;
    long min = Long.MAX_VALUE;
    for (Map.Entry<String, long[]> e : counters.entrySet()) {
      if (e.getValue()[0] < min) {
        min = e.getValue()[0];
        smallest = e.getKey();
      }
    }
    counters.remove(smallest);
    counters.put(item, new long[] {min + n, min + error});
  }

  /**
   * Adds another summary's counters to this one.
   *
   * @param other another summary
   */
  public void merge(HeavyHitters other) {
    for (Map.Entry<String, long[]> e : other.counters.entrySet()) {
      add(e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
  }

  /**
   * The {@code n} items with the largest estimated counts, largest first (ties by item).
   *
   * @param n how many, at least 0
   * @return the entries
   */
  public List<Entry> top(int n) {
    List<Entry> all = new ArrayList<>();
    counters.forEach((k, v) -> all.add(new Entry(k, v[0], v[1])));
    all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::item));
    return List.copyOf(all.subList(0, Math.min(Math.max(n, 0), all.size())));
  }

  /**
   * How many occurrences were counted.
   *
   * @return the total
   */
  public long total() {
    return total;
  }
}
