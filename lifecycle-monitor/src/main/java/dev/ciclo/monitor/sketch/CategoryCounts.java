package dev.ciclo.monitor.sketch;

import dev.ciclo.api.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts by category in bounded memory: up to {@code maxCategories} distinct categories are
 * counted by name; later new ones are counted together under {@link #OTHER}. Counts with the
 * same limit merge.
 *
 * <p>Serializable (Java serialization) so that engines such as Spark can ship partial counts
 * between nodes; not a storage format. Not thread-safe.
 */
public final class CategoryCounts implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The name under which categories beyond the limit are counted. */
  public static final String OTHER = "(other)";

  private final int maxCategories;
  private final LinkedHashMap<String, Long> counts = new LinkedHashMap<>();
  private long total;

  private CategoryCounts(int maxCategories) {
    this.maxCategories = maxCategories;
  }

  /**
   * Counts for at most 10,000 named categories.
   *
   * @return a new, empty counter
   */
  public static CategoryCounts create() {
    return new CategoryCounts(10_000);
  }

  /**
   * Counts for at most {@code maxCategories} named categories.
   *
   * @param maxCategories the limit, at least 1; default 10,000
   * @return a new, empty counter
   * @throws IllegalArgumentException if below 1
   */
  public static CategoryCounts create(int maxCategories) {
    return new CategoryCounts(Checks.atLeast(maxCategories, 1, "maxCategories"));
  }

  /**
   * Counts one occurrence.
   *
   * @param category the category, not null
   */
  public void add(String category) {
    add(category, 1);
  }

  /**
   * Counts several occurrences.
   *
   * @param category the category, not null
   * @param n how many, not negative
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public void add(String category, long n) {
    Objects.requireNonNull(category, "category");
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative but was " + n);
    }
    String key = counts.containsKey(category) || counts.size() < maxCategories ? category : OTHER;
    counts.merge(key, n, Long::sum);
    total += n;
  }

  /**
   * Adds another counter's counts to this one.
   *
   * @param other another counter
   */
  public void merge(CategoryCounts other) {
    other.counts.forEach(this::add);
  }

  /**
   * The counts by category, in first-seen order.
   *
   * @return an unmodifiable copy
   */
  public Map<String, Long> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
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
