package dev.ciclo.api.predict;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scores of one prediction, a score per label: an immutable {@code Map<String, Double>} in the
 * model's label order, held as primitive {@code double}s.
 *
 * <p>A model makes one per prediction, so it is built to be cheap: the labels are checked once,
 * as a {@link Labels} the model keeps, and each prediction's scores are a copy of one
 * {@code double[]}, copied and checked for finiteness. Nothing is boxed until a caller asks for a
 * {@code Double} through the {@code Map} view; {@link #score(String)} and {@link #score(int)}
 * never box.
 *
 * <p>It is a {@code Map} in every other way: {@code equals} and {@code hashCode} follow the
 * {@link Map} contract (a {@code Scores} equals a {@code HashMap} with the same entries), it
 * iterates in label order, and every mutator throws {@link UnsupportedOperationException}, even
 * when it would change nothing. Immutable and thread-safe.
 */
public final class Scores extends AbstractMap<String, Double> {
  private static final Scores EMPTY = new Scores(new Labels(new String[0]), new double[0]);

  private final Labels labels;
  private final double[] values;

  private Scores(Labels labels, double[] values) {
    this.labels = labels;
    this.values = values;
  }

  /**
   * No scores, for models that give none.
   *
   * @return the empty scores
   */
  public static Scores empty() {
    return EMPTY;
  }

  /**
   * A label list to make scores with, checked once. A model keeps one and calls
   * {@link Labels#scores(double...)} per prediction.
   *
   * @param labels the labels in the order their scores will be given; none null, no two equal
   * @return the labels
   * @throws NullPointerException if {@code labels} or a label is null
   * @throws IllegalArgumentException if a label appears twice
   */
  public static Labels labels(List<String> labels) {
    Objects.requireNonNull(labels, "labels");
    return new Labels(labels.toArray(new String[0]));
  }

  /**
   * Scores copied from a map, in its iteration order. An argument that is already a
   * {@code Scores} is returned as it is.
   *
   * @param scores a score per label, each finite
   * @return the scores
   * @throws NullPointerException if {@code scores}, a label or a score is null
   * @throws IllegalArgumentException if a score is NaN or infinite
   */
  public static Scores of(Map<String, Double> scores) {
    Objects.requireNonNull(scores, "scores");
    if (scores instanceof Scores s) {
      return s;
    }
    if (scores.isEmpty()) {
      return EMPTY;
    }
    String[] names = new String[scores.size()];
    double[] values = new double[names.length];
    int[] i = {0};
    scores.forEach(
        (k, v) -> {
          if (k == null) {
            throw new NullPointerException("scores key");
          }
          if (v == null) {
            throw new NullPointerException("scores[" + k + "]");
          }
          if (i[0] == names.length) {
            throw new IllegalArgumentException(
                "scores changed while being copied: more than " + names.length + " entries");
          }
          names[i[0]] = k;
          values[i[0]++] = v;
        });
    if (i[0] != names.length) {
      throw new IllegalArgumentException(
          "scores changed while being copied: " + i[0] + " entries, not " + names.length);
    }
    return new Labels(names).scores(values);
  }

  /**
   * The labels, in order.
   *
   * @return the labels these scores are given for
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The score of a label, without boxing.
   *
   * @param label the label
   * @return its score, or empty when it has none here
   * @throws NullPointerException if {@code label} is null
   */
  public OptionalDouble score(String label) {
    int i = labels.indexOf(label);
    return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(values[i]);
  }

  /**
   * The score of the label at a position of {@link #labels()}.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the score
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double score(int index) {
    Objects.checkIndex(index, values.length);
    return values[index];
  }

  /**
   * A copy of the scores in label order.
   *
   * @return a new array
   */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isEmpty() {
    return values.length == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String s && labels.indexOf(s) >= 0;
  }

  @Override
  public Double get(Object key) {
    int i = key instanceof String s ? labels.indexOf(s) : -1;
    return i < 0 ? null : values[i];
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Double> action) {
    Objects.requireNonNull(action, "action");
    for (int i = 0; i < values.length; i++) {
      action.accept(labels.names[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Double>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Double>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, Double> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(labels.names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double put(String key, Double value) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double remove(Object key) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void putAll(Map<? extends String, ? extends Double> m) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void clear() {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void replaceAll(BiFunction<? super String, ? super Double, ? extends Double> function) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double putIfAbsent(String key, Double value) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public boolean remove(Object key, Object value) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public boolean replace(String key, Double oldValue, Double newValue) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double replace(String key, Double value) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double computeIfAbsent(
      String key, Function<? super String, ? extends Double> mappingFunction) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double computeIfPresent(
      String key, BiFunction<? super String, ? super Double, ? extends Double> remappingFunction) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double compute(
      String key, BiFunction<? super String, ? super Double, ? extends Double> remappingFunction) {
    throw immutable();
  }

  /**
   * Always throws: scores are immutable.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Double merge(String key, Double value,
      BiFunction<? super Double, ? super Double, ? extends Double> remappingFunction) {
    throw immutable();
  }

  private static UnsupportedOperationException immutable() {
    return new UnsupportedOperationException("scores are immutable");
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof Scores other && other.labels == labels) {
      return Arrays.equals(values, other.values);
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < values.length; i++) {
      h += labels.names[i].hashCode() ^ Double.hashCode(values[i]);
    }
    return h;
  }

  /**
   * A checked list of labels that scores are given for, in order: made once per model by
   * {@link Scores#labels(List)}, then used for every prediction. Immutable and thread-safe.
   */
  public static final class Labels {
    /** Up to this many labels, a label is found by a linear scan rather than a hash lookup. */
    private static final int SCAN = 8;

    private final String[] names;
    private final Map<String, Integer> index;
    private final List<String> list;

    private Labels(String[] names) {
      Map<String, Integer> idx = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        String n = Objects.requireNonNull(names[i], "label " + i);
        Integer before = idx.put(n, i);
        if (before != null) {
          throw new IllegalArgumentException(
              "labels must be distinct but '" + n + "' is at positions " + before + " and " + i);
        }
      }
      this.names = names;
      this.index = names.length > SCAN ? idx : null;
      this.list = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(names)));
    }

    /**
     * Scores for these labels; the values are copied.
     *
     * @param values a score per label, in the labels' order, each finite
     * @return the scores
     * @throws NullPointerException if {@code values} is null
     * @throws IllegalArgumentException if there are not as many values as labels, or a value is
     *     NaN or infinite
     */
    public Scores scores(double... values) {
      Objects.requireNonNull(values, "values");
      if (values.length != names.length) {
        throw new IllegalArgumentException("expected " + names.length + " scores, one per label "
            + list + ", but got " + values.length);
      }
      double[] copy = values.clone();
      for (int i = 0; i < copy.length; i++) {
        if (!Double.isFinite(copy[i])) {
          throw new IllegalArgumentException(
              "scores[" + names[i] + "] must be a finite number but was " + copy[i]);
        }
      }
      return new Scores(this, copy);
    }

    /**
     * The label at a position.
     *
     * @param i from 0 to {@code size() - 1}
     * @return the label
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public String get(int i) {
      Objects.checkIndex(i, names.length);
      return names[i];
    }

    /**
     * Where a label is.
     *
     * @param label the label
     * @return its position, or -1 when it is not one of these labels
     * @throws NullPointerException if {@code label} is null
     */
    public int indexOf(String label) {
      Objects.requireNonNull(label, "label");
      if (index != null) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(label)) {
          return i;
        }
      }
      return -1;
    }

    /**
     * The number of labels.
     *
     * @return the size
     */
    public int size() {
      return names.length;
    }

    /**
     * The labels as a list.
     *
     * @return an unmodifiable list, in order
     */
    public List<String> asList() {
      return list;
    }

    @Override
    public String toString() {
      return list.toString();
    }
  }
}
