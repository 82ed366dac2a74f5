package dev.ciclo.monitor.sketch;

import dev.ciclo.api.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * between nodes, in a compact form (the limit, then each category's UTF-8 name and count in
 * first-seen order, which decides what a later merge counts under {@link #OTHER}); not a storage
 * format. Not thread-safe.
 */
public final class CategoryCounts implements Serializable {
  @Serial
  private static final long serialVersionUID = 2L;
  private static final byte FORM_VERSION = 1;

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

  /**
   * The compact form: version, limit, number of categories, then per category its name (length
   * and UTF-8 bytes) and count, in first-seen order. Big-endian.
   */
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 16 * counts.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORM_VERSION);
      out.writeInt(maxCategories);
      out.writeInt(counts.size());
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.writeLong(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads the compact form of {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the bytes are not counts' compact form
   */
  static CategoryCounts fromBytes(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte version = b.get();
      if (version != FORM_VERSION) {
        throw new IllegalArgumentException("counts form version must be " + FORM_VERSION
            + " but was " + version);
      }
      int max = b.getInt();
      if (max < 1) {
        throw new IllegalArgumentException("maxCategories must be at least 1 but was " + max);
      }
      CategoryCounts c = new CategoryCounts(max);
      int n = b.getInt();
      // at most maxCategories named ones, plus (other)
      if (n < 0 || n > max + 1L) {
        throw new IllegalArgumentException("category count must be between 0 and " + (max + 1L)
            + " but was " + n);
      }
      for (int i = 0; i < n; i++) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
          throw new IllegalArgumentException("category name length must be between 0 and "
              + b.remaining() + " but was " + len);
        }
        byte[] name = new byte[len];
        b.get(name);
        long count = b.getLong();
        if (count < 0) {
          throw new IllegalArgumentException("count must not be negative but was " + count);
        }
        String key = new String(name, StandardCharsets.UTF_8);
        if (c.counts.put(key, count) != null) {
          throw new IllegalArgumentException("category '" + key + "' appears twice");
        }
        c.total += count;
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " bytes after the last category");
      }
      return c;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("the counts form is truncated (" + bytes.length
          + " bytes)", e);
    }
  }

  @Serial
  private Object writeReplace() {
    return new CompactForm(CompactForm.Kind.CATEGORIES, toBytes());
  }

  @Serial
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw CompactForm.Kind.CATEGORIES.notThroughForm();
  }
}
