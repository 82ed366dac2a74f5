package dev.ciclo.api.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts of (actual, predicted) label pairs.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfusionMatrix {
  private final List<String> labels;
  private final long[][] counts;

  private ConfusionMatrix(List<String> labels, long[][] counts) {
    this.labels = labels;
    this.counts = counts;
  }

  /**
   * A matrix from counts, which are copied.
   *
   * @param labels the distinct labels, in row and column order
   * @param counts {@code counts[actual][predicted]}, square, of the labels' size, not negative
   * @return the matrix
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the labels repeat, the shape does not match, or a count
   *     is negative
   */
  public static ConfusionMatrix of(List<String> labels, long[][] counts) {
    List<String> l = List.copyOf(labels);
    if (l.stream().distinct().count() != l.size()) {
      throw new IllegalArgumentException("labels must be distinct but were " + l);
    }
    Objects.requireNonNull(counts, "counts");
    if (counts.length != l.size()) {
      throw new IllegalArgumentException(
          "counts must have " + l.size() + " rows but had " + counts.length);
    }
    long[][] c = new long[l.size()][];
    for (int i = 0; i < c.length; i++) {
      if (counts[i] == null || counts[i].length != l.size()) {
        throw new IllegalArgumentException(
            "counts row " + i + " must have " + l.size() + " columns");
      }
      c[i] = counts[i].clone();
      for (int j = 0; j < c[i].length; j++) {
        if (c[i][j] < 0) {
          throw new IllegalArgumentException(
              "count[" + i + "][" + j + "] must not be negative but was " + c[i][j]);
        }
      }
    }
    return new ConfusionMatrix(l, c);
  }

  /**
   * The labels, in row and column order.
   *
   * @return an unmodifiable list
   */
  public List<String> labels() {
    return labels;
  }

  /**
   * How often {@code actual} was predicted as {@code predicted}.
   *
   * @param actual an actual label
   * @param predicted a predicted label
   * @return the count
   * @throws IllegalArgumentException if a label is not in {@link #labels()}
   */
  public long count(String actual, String predicted) {
    return counts[index(actual)][index(predicted)];
  }

  /**
   * The count at a row and column.
   *
   * @param actualIndex the row
   * @param predictedIndex the column
   * @return the count
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public long count(int actualIndex, int predictedIndex) {
    return counts[actualIndex][predictedIndex];
  }

  /**
   * All counts summed.
   *
   * @return the total
   */
  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long v : row) {
        t += v;
      }
    }
    return t;
  }

  /**
   * The diagonal summed: correct predictions.
   *
   * @return the correct count
   */
  public long correct() {
    long t = 0;
    for (int i = 0; i < counts.length; i++) {
      t += counts[i][i];
    }
    return t;
  }

  private int index(String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("unknown label '" + label + "'; labels are " + labels);
    }
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix other
        && labels.equals(other.labels)
        && Arrays.deepEquals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    int w = 6;
    for (String l : labels) {
      w = Math.max(w, l.length() + 1);
    }
    StringBuilder sb = new StringBuilder(String.format("%" + w + "s", "a\\p"));
    for (String l : labels) {
      sb.append(String.format("%" + w + "s", l));
    }
    sb.append('\n');
    for (int i = 0; i < counts.length; i++) {
      sb.append(String.format("%" + w + "s", labels.get(i)));
      for (long v : counts[i]) {
        sb.append(String.format("%" + w + "d", v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
