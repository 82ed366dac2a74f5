package dev.ciclo.monitor.batch;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.monitor.sketch.CategoryCounts;
import dev.ciclo.monitor.sketch.QuantileSketch;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One dataset summarised for drift, feature by feature, in bounded memory: a {@link
 * QuantileSketch} per numeric feature and {@link CategoryCounts} per categorical one. Rows come
 * as the same typed signals the prediction log keeps ({@link Signal}), so a dataset, a window of
 * the log and a column array are summarised alike; two profiles of the same features merge
 * (the Spark job merges partial ones).
 *
 * <p>Memory: a numeric feature holds at most about {@code 2k(log2(n/k) + 1)} doubles (k = 1024
 * by default; {@link #bytes()} reports the retained total); a categorical one at most its
 * category cap. Not thread-safe.
 */
public final class DataProfile {
  private final String name;
  private final int k;
  private final Map<String, QuantileSketch> numeric = new LinkedHashMap<>();
  private final Map<String, CategoryCounts> categorical = new LinkedHashMap<>();
  private long rows;

  private DataProfile(String name, int k) {
    this.name = Checks.notBlank(name, "name");
    this.k = k;
  }

  /**
   * An empty profile with sketches of {@code k = 1024}.
   *
   * @param name the data's name, for reports; not blank
   * @return the profile
   */
  public static DataProfile create(String name) {
    return new DataProfile(name, 1024);
  }

  /**
   * An empty profile with sketches of a chosen size.
   *
   * @param name the data's name, not blank
   * @param k the sketches' buffer size, even, at least 16
   * @return the profile
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public static DataProfile create(String name, int k) {
    QuantileSketch.create(k); // checks k
    return new DataProfile(name, k);
  }

  /**
   * The profile of a dataset, each input turned into signals by the function a served model
   * uses ({@code TabularRow.signals()} for tables).
   *
   * @param data the dataset
   * @param signals the input's features as typed signals
   * @param <X> the input type
   * @return the profile, named after the dataset
   */
  public static <X> DataProfile of(
      Dataset<X, ?> data, Function<? super X, Map<String, Signal>> signals) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(signals, "signals");
    DataProfile p = create(data.name());
    for (Example<X, ?> e : data) {
      p.add(signals.apply(e.input()));
    }
    return p;
  }

  /**
   * The profile of a window of the prediction log: each record's signals.
   *
   * @param name the window's name, such as {@code "log 2026-12-06 10:00-11:00"}, not blank
   * @param window the records
   * @return the profile
   */
  public static DataProfile of(String name, Iterable<PredictionRecord> window) {
    Objects.requireNonNull(window, "window");
    DataProfile p = create(name);
    for (PredictionRecord r : window) {
      p.add(r.signals());
    }
    return p;
  }

  /**
   * Adds one row. A feature is numeric or categorical by the kind of its first signal; a later
   * signal of the other kind is refused.
   *
   * @param row the row's signals by feature name
   * @throws IllegalArgumentException if a feature changes kind
   */
  public void add(Map<String, Signal> row) {
    Objects.requireNonNull(row, "row");
    rows++;
    for (Map.Entry<String, Signal> e : row.entrySet()) {
      String f = e.getKey();
      if (e.getValue() instanceof Signal.Numeric n) {
        sketch(f).add(n.value());
      } else if (e.getValue() instanceof Signal.Category c) {
        counts(f).add(c.value());
      }
    }
  }

  /**
   * Adds a whole numeric column (columnar data, such as a table already in arrays).
   *
   * @param feature the feature's name, not blank
   * @param values its values, finite
   * @throws IllegalArgumentException if a value is not finite or the feature is categorical
   */
  public void addColumn(String feature, double[] values) {
    Checks.notBlank(feature, "feature");
    sketch(feature).addAll(values);
    rows = Math.max(rows, sketch(feature).count());
  }

  /**
   * Adds another profile of the same kind of data (the counts and sketches merge).
   *
   * @param other the other profile, with sketches of the same size
   * @throws IllegalArgumentException if a feature has another kind in it
   */
  public void merge(DataProfile other) {
    Objects.requireNonNull(other, "other");
    rows += other.rows;
    other.numeric.forEach((f, s) -> sketch(f).merge(s));
    other.categorical.forEach((f, c) -> counts(f).merge(c));
  }

  private QuantileSketch sketch(String feature) {
    if (categorical.containsKey(feature)) {
      throw new IllegalArgumentException("feature '" + feature + "' of " + name
          + " is categorical but was given a number");
    }
    return numeric.computeIfAbsent(feature, f -> QuantileSketch.create(k));
  }

  private CategoryCounts counts(String feature) {
    if (numeric.containsKey(feature)) {
      throw new IllegalArgumentException("feature '" + feature + "' of " + name
          + " is numeric but was given a category");
    }
    return categorical.computeIfAbsent(feature, f -> CategoryCounts.create());
  }

  /**
   * The data's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The number of rows added.
   *
   * @return the count
   */
  public long rows() {
    return rows;
  }

  /**
   * The numeric features' sketches.
   *
   * @return an unmodifiable view, in the order first seen
   */
  public Map<String, QuantileSketch> numeric() {
    return Collections.unmodifiableMap(numeric);
  }

  /**
   * The categorical features' counts.
   *
   * @return an unmodifiable view, in the order first seen
   */
  public Map<String, CategoryCounts> categorical() {
    return Collections.unmodifiableMap(categorical);
  }

  /**
   * The memory the numeric sketches retain: 8 bytes per retained value.
   *
   * @return bytes
   */
  public long bytes() {
    long b = 0;
    for (QuantileSketch s : numeric.values()) {
      b += 8L * s.retained();
    }
    return b;
  }
}
