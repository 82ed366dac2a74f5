package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.data.TabularRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Finds the weak slices of a table by its columns, SliceLine-style (Sagadeeva and Boehm, SIGMOD
 * 2021): base predicates are quantile bins of every numeric column ({@code bmi in [26.1,
 * 30.2)}) and every value of every categorical column ({@code city=Lisbon}); conjunctions of up
 * to {@link Builder#maxOrder} predicates on distinct columns are enumerated level by level, a
 * slice below {@link Builder#minSupport} rows is pruned with its extensions. Each slice gets
 * SliceLine's score (error lift against size) and a one-sided binomial p-value (its errors
 * against the overall error rate); the p-values of every slice examined are corrected together
 * by Benjamini-Hochberg at {@link Builder#falseDiscoveryRate}, and only the slices that survive
 * and score above 0 are returned, best score first.
 *
 * <p>For a classifier an error is a wrong label. For a regressor ({@link #findResiduals}), an
 * error is a residual in the largest fifth of absolute residuals, so the slices found are where
 * the largest residuals concentrate.
 *
 * <p>Also the typed predicates for hand-declared slices over {@link TabularRow}s: {@link
 * #where} and {@link #is}. Immutable and thread-safe.
 */
public final class TabularSlices {
  private final int bins;
  private final int maxOrder;
  private final int minSupport;
  private final int topK;
  private final double alpha;
  private final double fdr;
  private final int maxValues;
  private final double level;

  private TabularSlices(Builder b) {
    bins = b.bins;
    maxOrder = b.maxOrder;
    minSupport = b.minSupport;
    topK = b.topK;
    alpha = b.alpha;
    fdr = b.fdr;
    maxValues = b.maxValues;
    level = b.level;
  }

  /**
   * A builder with the defaults: 4 quantile bins, order up to 2, support at least 30, top 10,
   * alpha 0.95, false-discovery rate 0.05, categorical columns of at most 50 values, intervals at
   * 0.95.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A hand-declared slice on a numeric column, typed: {@code .slice("long petals",
   * TabularSlices.where("petal length (cm)", v -> v > 4.5))}. Examples whose input is not a
   * {@link TabularRow} or has no such column are not in the slice.
   *
   * @param column the numeric column
   * @param test the condition on its value
   * @return the predicate
   */
  public static Predicate<Example<?, ?>> where(String column, DoublePredicate test) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(test, "test");
    return e -> e.input() instanceof TabularRow row && row.numeric().containsKey(column)
        && test.test(row.numeric().get(column));
  }

  /**
   * A hand-declared slice on a categorical column's value.
   *
   * @param column the categorical column
   * @param value the value
   * @return the predicate
   */
  public static Predicate<Example<?, ?>> is(String column, String value) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
    return e -> e.input() instanceof TabularRow row && value.equals(row.categorical().get(column));
  }

  /**
   * Predicts every row and finds the weak slices of a classifier.
   *
   * @param predictor the classifier
   * @param data the rows, not empty
   * @param <Y> the target type
   * @return the slices, best first
   */
  public <Y> List<SliceMetrics> find(Predictor<TabularRow, Y> predictor,
      Dataset<TabularRow, Y> data) {
    List<TabularRow> inputs = data.stream().map(Example::input).toList();
    return find(data, predictor.predictBatch(inputs));
  }

  /**
   * Finds the weak slices of a classifier from its predictions (labels compared by {@code
   * toString()}).
   *
   * @param data the rows, not empty
   * @param predictions one per row, in order
   * @param <Y> the target type
   * @return the slices, best first
   */
  public <Y> List<SliceMetrics> find(Dataset<TabularRow, Y> data,
      List<Prediction<Y>> predictions) {
    Scored<TabularRow, Y> s = Scored.of(data, predictions);
    return findInColumns(numericColumns(data), categoricalColumns(data), s.wrong).slices();
  }

  /**
   * Finds where a regressor's largest residuals concentrate: an error is an absolute residual
   * above the 80th percentile of all of them.
   *
   * @param data the rows, not empty
   * @param predictions one per row, in order
   * @return the slices, best first
   */
  public List<SliceMetrics> findResiduals(Dataset<TabularRow, Double> data,
      List<Prediction<Double>> predictions) {
    Objects.requireNonNull(predictions, "predictions");
    if (predictions.size() != data.size()) {
      throw new IllegalArgumentException("predictions must have one element per example ("
          + data.size() + ") but had " + predictions.size());
    }
    double[] abs = new double[data.size()];
    for (int i = 0; i < abs.length; i++) {
      abs[i] = Math.abs(data.get(i).target() - predictions.get(i).value());
    }
    double[] sorted = abs.clone();
    Arrays.sort(sorted);
    double cut = sorted[(int) Math.floor(0.8 * (sorted.length - 1))];
    boolean[] large = new boolean[abs.length];
    for (int i = 0; i < abs.length; i++) {
      large[i] = abs[i] > cut;
    }
    return findInColumns(numericColumns(data), categoricalColumns(data), large).slices();
  }

  /**
   * What a search found and how much it examined.
   *
   * @param slices the slices, best first
   * @param examined how many candidate slices were scored
   */
  public record Found(List<SliceMetrics> slices, long examined) {
    /** Copies the list. */
    public Found {
      slices = List.copyOf(slices);
    }
  }

  /**
   * The search on columns already in arrays (large tables): one array per column, all of the
   * same length as {@code wrong}.
   *
   * @param numeric numeric columns by name
   * @param categorical categorical columns by name
   * @param wrong which rows are errors
   * @return the slices and the number of candidates examined
   * @throws IllegalArgumentException if a column's length differs or there are no rows
   */
  public Found findInColumns(Map<String, double[]> numeric, Map<String, String[]> categorical,
      boolean[] wrong) {
    int n = wrong.length;
    if (n == 0) {
      throw new IllegalArgumentException("cannot find slices in zero rows");
    }
    long errors = 0;
    BitSet wrongSet = new BitSet(n);
    for (int i = 0; i < n; i++) {
      if (wrong[i]) {
        wrongSet.set(i);
        errors++;
      }
    }
    if (errors == 0) {
      return new Found(List.of(), 0);
    }
    long[] w = wrongSet.toLongArray();
    List<List<Base>> columns = new ArrayList<>();
    new TreeMap<>(numeric).forEach((name, v) -> columns.add(bins(name, check(name, v, n))));
    new TreeMap<>(categorical).forEach((name, v) -> {
      List<Base> values = values(name, check(name, v, n));
      if (!values.isEmpty()) {
        columns.add(values);
      }
    });
    List<Base> all = new ArrayList<>();
    List<Base> frontier = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      for (Base b : columns.get(c)) {
        Base s = new Base(b.name, b.members, c, b.size, SliceFinder.andCount(b.members, w));
        if (s.size >= minSupport) {
          frontier.add(s);
        }
      }
    }
    for (int order = 1; order <= maxOrder && !frontier.isEmpty(); order++) {
      all.addAll(frontier);
      if (order == maxOrder) {
        break;
      }
      boolean keep = order + 1 < maxOrder;
      List<Base> next = new ArrayList<>();
      for (Base c : frontier) {
        if (c.errors == 0) {
          continue;
        }
        for (int f = c.column + 1; f < columns.size(); f++) {
          for (Base b : columns.get(f)) {
            long size = SliceFinder.andCount(c.members, b.members);
            if (size >= minSupport && size < c.size) {
              next.add(new Base(c.name + " & " + b.name,
                  keep ? SliceFinder.and(c.members, b.members) : null, f, size,
                  SliceFinder.andCount(c.members, b.members, w)));
            }
          }
        }
      }
      frontier = next;
    }
    double overall = (double) errors / n;
    double[] p = new double[all.size()];
    for (int i = 0; i < p.length; i++) {
      Base b = all.get(i);
      p[i] = b.errors == 0 ? 1
          : 1 - new BinomialDistribution(null, (int) b.size, overall)
              .cumulativeProbability((int) b.errors - 1);
    }
    double cut = benjaminiHochberg(p, fdr);
    double z = SliceStats.z(level);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      if (p[i] <= cut && score(all.get(i), overall, n) > 0) {
        kept.add(i);
      }
    }
    List<SliceMetrics> out = kept.stream()
        .sorted(Comparator.comparingDouble((Integer i) -> -score(all.get(i), overall, n))
            .thenComparing(i -> all.get(i).name))
        .limit(topK)
        .map(i -> SliceStats.slice(all.get(i).name, all.get(i).size, all.get(i).errors, overall,
            z, level))
        .toList();
    return new Found(out, all.size());
  }

  /** The largest p-value threshold that Benjamini-Hochberg rejects at; -1 when none. */
  static double benjaminiHochberg(double[] p, double q) {
    double[] s = p.clone();
    Arrays.sort(s);
    double cut = -1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] <= q * (i + 1) / s.length) {
        cut = s[i];
      }
    }
    return cut;
  }

  private double score(Base b, double overall, int n) {
    return alpha * (((double) b.errors / b.size) / overall - 1)
        - (1 - alpha) * ((double) n / b.size - 1);
  }

  private static final class Base {
    final String name;
    final long[] members;
    final int column;
    final long size;
    final long errors;

    Base(String name, long[] members, int column, long size, long errors) {
      this.name = name;
      this.members = members;
      this.column = column;
      this.size = size;
      this.errors = errors;
    }
  }

  /** Quantile bins of a numeric column; bins with equal edges merge. */
  private List<Base> bins(String name, double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = sorted[(int) Math.min(sorted.length - 1,
          Math.floor((double) i * sorted.length / bins))];
    }
    edges[bins] = Double.POSITIVE_INFINITY;
    double[] distinct = Arrays.stream(edges).distinct().toArray();
    List<Base> out = new ArrayList<>();
    int m = distinct.length - 1;
    BitSet[] sets = new BitSet[m];
    for (int b = 0; b < m; b++) {
      sets[b] = new BitSet(v.length);
    }
    for (int i = 0; i < v.length; i++) {
      int b = Arrays.binarySearch(distinct, v[i]);
      b = b >= 0 ? b : -b - 2;
      sets[Math.max(0, Math.min(m - 1, b))].set(i);
    }
    for (int b = 0; b < m; b++) {
      String label = b == m - 1
          ? String.format(Locale.ROOT, "%s >= %.4g", name, distinct[b])
          : b == 0 ? String.format(Locale.ROOT, "%s < %.4g", name, distinct[1])
          : String.format(Locale.ROOT, "%s in [%.4g, %.4g)", name, distinct[b], distinct[b + 1]);
      int size = sets[b].cardinality();
      if (size > 0 && size < v.length) {
        out.add(new Base(label, sets[b].toLongArray(), -1, size, 0));
      }
    }
    return out;
  }

  private List<Base> values(String name, String[] v) {
    Map<String, BitSet> sets = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      sets.computeIfAbsent(v[i], k -> new BitSet(v.length)).set(i);
      if (sets.size() > maxValues) {
        return List.of();
      }
    }
    List<Base> out = new ArrayList<>();
    new TreeMap<>(sets).forEach((value, set) -> {
      if (set.cardinality() < v.length) {
        out.add(new Base(name + "=" + value, set.toLongArray(), -1, set.cardinality(), 0));
      }
    });
    return out;
  }

  private static <T> T check(String name, T column, int n) {
    int len = column instanceof double[] d ? d.length : ((Object[]) column).length;
    if (len != n) {
      throw new IllegalArgumentException("column '" + name + "' must have " + n
          + " values (one per row) but had " + len);
    }
    return column;
  }

  private static Map<String, double[]> numericColumns(Dataset<TabularRow, ?> data) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < data.size(); i++) {
      final int row = i;
      data.get(i).input().numeric().forEach((k, v) ->
          out.computeIfAbsent(k, x -> fill(new double[data.size()]))[row] = v);
    }
    return out;
  }

  private static double[] fill(double[] a) {
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static Map<String, String[]> categoricalColumns(Dataset<TabularRow, ?> data) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (int i = 0; i < data.size(); i++) {
      final int row = i;
      data.get(i).input().categorical().forEach((k, v) ->
          out.computeIfAbsent(k, x -> {
            String[] a = new String[data.size()];
            Arrays.fill(a, "(missing)");
            return a;
          })[row] = v);
    }
    return out;
  }

  /** Configures {@link TabularSlices}. Not thread-safe. */
  public static final class Builder extends SliceSearchBuilder<Builder> {
    private int bins = 4;
    private double fdr = 0.05;
    private int maxValues = 50;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Quantile bins per numeric column. Default 4 (quartiles).
     *
     * @param bins from 2 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder bins(int bins) {
      this.bins = Checks.between(bins, 2, 100, "bins");
      return this;
    }

    /**
     * The false-discovery rate of the Benjamini-Hochberg correction over every slice examined.
     * Default 0.05.
     *
     * @param rate in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder falseDiscoveryRate(double rate) {
      if (!(rate > 0 && rate < 1)) {
        throw new IllegalArgumentException("falseDiscoveryRate must be in (0, 1) but was "
            + rate);
      }
      this.fdr = rate;
      return this;
    }

    /**
     * The most values a categorical column may have to be used. Default 50.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxValuesPerColumn(int max) {
      this.maxValues = Checks.atLeast(max, 1, "maxValuesPerColumn");
      return this;
    }

    /**
     * Makes the finder.
     *
     * @return the finder
     */
    public TabularSlices build() {
      return new TabularSlices(this);
    }
  }
}
