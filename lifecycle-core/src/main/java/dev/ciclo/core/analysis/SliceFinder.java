package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the combinations of metadata values with the highest error lift and enough support, in
 * the spirit of SliceLine (Sagadeeva and Boehm, SIGMOD 2021).
 *
 * <p>The base predicates are {@code tag=t} for every tag, {@code group=g} for every group and
 * {@code field=value} for every metadata field with at most {@link Builder#maxValuesPerField}
 * values. Conjunctions of up to {@link Builder#maxOrder} predicates on distinct fields are
 * enumerated level by level; a slice with fewer than {@link Builder#minSupport} examples is
 * pruned together with all its extensions (support only shrinks). Each slice is scored as
 * SliceLine does, {@code score = alpha * (sliceError / overallError - 1)
 * - (1 - alpha) * (n / size - 1)}, which trades error lift against size; slices with a
 * positive score are returned, best first, named like {@code "group=theo & tag=car-noise"}.
 *
 * <p>Cost: one bit set per base predicate and one word-wise AND-count per candidate (bit sets
 * are materialised only for slices that a further level extends). Immutable and
 * thread-safe.
 */
public final class SliceFinder {
  private final int maxOrder;
  private final int minSupport;
  private final int topK;
  private final double alpha;
  private final double level;
  private final int maxValuesPerField;

  private SliceFinder(Builder b) {
    maxOrder = b.maxOrder;
    minSupport = b.minSupport;
    topK = b.topK;
    alpha = b.alpha;
    level = b.level;
    maxValuesPerField = b.maxValuesPerField;
  }

  /**
   * A builder with the defaults: order up to 2, support at least 30, top 10, alpha 0.95, level
   * 0.95, at most 100 values per field.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Predicts every example and finds the weakest slices.
   *
   * @param predictor the classifier
   * @param data the labelled data, not empty
   * @param <X> the input type
   * @param <Y> the target type
   * @return up to {@code topK} slices with a positive score, best first; empty when the model
   *     makes no error
   * @throws IllegalArgumentException if {@code data} is empty
   */
  public <X, Y> List<SliceMetrics> find(Predictor<X, Y> predictor, Dataset<X, Y> data) {
    return find(Scored.predict(predictor, data));
  }

  /**
   * Finds the weakest slices from predictions already made.
   *
   * @param data the labelled data, not empty
   * @param predictions one per example, in order
   * @param <X> the input type
   * @param <Y> the target type
   * @return up to {@code topK} slices with a positive score, best first
   * @throws IllegalArgumentException if {@code data} is empty or the sizes differ
   */
  public <X, Y> List<SliceMetrics> find(Dataset<X, Y> data, List<Prediction<Y>> predictions) {
    return find(Scored.of(data, predictions));
  }

  /**
   * A conjunction of base predicates, its members as bit words (null when it will not be
   * extended), and the last field it uses.
   */
  private static final class Candidate {
    final String name;
    final long[] members;
    final int lastField;
    final long size;
    final long errors;

    Candidate(String name, long[] members, int lastField, long size, long errors) {
      this.name = name;
      this.members = members;
      this.lastField = lastField;
      this.size = size;
      this.errors = errors;
    }

    String name() {
      return name;
    }
  }

  private <X, Y> List<SliceMetrics> find(Scored<X, Y> s) {
    int n = s.size();
    if (s.errors == 0) {
      return List.of();
    }
    BitSet wrongSet = new BitSet(n);
    for (int i = 0; i < n; i++) {
      if (s.wrong[i]) {
        wrongSet.set(i);
      }
    }
    long[] wrong = wrongSet.toLongArray();
    // base predicates by field; tags are one field each (an example may carry several).
    // Raw values are the keys in the loop (no string building per example).
    Map<String, BitSet> tagSets = new HashMap<>();
    Map<String, BitSet> groupSets = new HashMap<>();
    Map<String, Map<String, BitSet>> metaSets = new HashMap<>();
    boolean groupsCategorical = true;
    java.util.Set<String> tooMany = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      Example<X, Y> e = s.data.get(i);
      for (String tag : e.tags()) {
        tagSets.computeIfAbsent(tag, k -> new BitSet(n)).set(i);
      }
      if (groupsCategorical) {
        groupSets.computeIfAbsent(e.group(), k -> new BitSet(n)).set(i);
        groupsCategorical = groupSets.size() <= maxValuesPerField;
      }
      for (Map.Entry<String, String> m : e.metadata().entrySet()) {
        if (tooMany.contains(m.getKey())) {
          continue;
        }
        Map<String, BitSet> values = metaSets.computeIfAbsent(m.getKey(), k -> new HashMap<>());
        values.computeIfAbsent(m.getValue(), k -> new BitSet(n)).set(i);
        if (values.size() > maxValuesPerField) {
          tooMany.add(m.getKey());
          metaSets.remove(m.getKey());
        }
      }
    }
    // sorted by field key so that slice names do not depend on map iteration order
    Map<String, Map<String, BitSet>> fields = new java.util.TreeMap<>();
    tagSets.forEach((tag, set) -> fields.put("tag:" + tag, Map.of("tag=" + tag, set)));
    if (groupsCategorical) {
      Map<String, BitSet> g = new HashMap<>();
      groupSets.forEach((v, set) -> g.put("group=" + v, set));
      fields.put("group", g);
    }
    metaSets.forEach((key, values) -> {
      Map<String, BitSet> m = new HashMap<>();
      values.forEach((v, set) -> m.put(key + "=" + v, set));
      fields.put("meta:" + key, m);
    });
    List<List<Candidate>> base = new ArrayList<>();
    for (Map<String, BitSet> values : fields.values()) {
      if (values.size() > maxValuesPerField || values.size() >= n) {
        continue;
      }
      List<Candidate> level1 = new ArrayList<>();
      int fieldIndex = base.size();
      values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(v -> {
        long[] members = v.getValue().toLongArray();
        long size = v.getValue().cardinality();
        if (size >= minSupport) {
          level1.add(new Candidate(v.getKey(), members, fieldIndex, size,
              andCount(members, wrong)));
        }
      });
      base.add(level1);
    }
    double overall = s.errorRate();
    List<Candidate> all = new ArrayList<>();
    List<Candidate> frontier = new ArrayList<>();
    base.forEach(frontier::addAll);
    for (int order = 1; order <= maxOrder && !frontier.isEmpty(); order++) {
      all.addAll(frontier);
      if (order == maxOrder) {
        break;
      }
      // the members of the next level are kept only if a level after it will extend them
      boolean keepMembers = order + 1 < maxOrder;
      List<Candidate> next = new ArrayList<>();
      for (Candidate c : frontier) {
        if (c.errors == 0) {
          continue; // no extension of an error-free slice has an error
        }
        for (int f = c.lastField + 1; f < base.size(); f++) {
          for (Candidate b : base.get(f)) {
            long size = andCount(c.members, b.members);
            if (size >= minSupport && size < c.size) {
              next.add(new Candidate(c.name + " & " + b.name,
                  keepMembers ? and(c.members, b.members) : null, f, size,
                  andCount(c.members, b.members, wrong)));
            }
          }
        }
      }
      frontier = next;
    }
    double z = SliceStats.z(level);
    return all.stream()
        .filter(c -> score(c, overall, n) > 0)
        .sorted(Comparator.comparingDouble((Candidate c) -> -score(c, overall, n))
            .thenComparing(Candidate::name))
        .limit(topK)
        .map(c -> SliceStats.slice(c.name, c.size, c.errors, overall, z, level))
        .toList();
  }

  double score(long size, long errors, double overall, int n) {
    return alpha * (((double) errors / size) / overall - 1) - (1 - alpha) * ((double) n / size - 1);
  }

  private double score(Candidate c, double overall, int n) {
    return score(c.size, c.errors, overall, n);
  }

  /** The number of bits set in both word arrays (missing words are zero). */
  static long andCount(long[] a, long[] b) {
    int len = Math.min(a.length, b.length);
    long count = 0;
    for (int i = 0; i < len; i++) {
      count += Long.bitCount(a[i] & b[i]);
    }
    return count;
  }

  /** The number of bits set in all three word arrays. */
  static long andCount(long[] a, long[] b, long[] c) {
    int len = Math.min(a.length, Math.min(b.length, c.length));
    long count = 0;
    for (int i = 0; i < len; i++) {
      count += Long.bitCount(a[i] & b[i] & c[i]);
    }
    return count;
  }

  static long[] and(long[] a, long[] b) {
    long[] out = new long[Math.min(a.length, b.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = a[i] & b[i];
    }
    return out;
  }

  /** Configures a {@link SliceFinder}. Not thread-safe. */
  public static final class Builder extends SliceSearchBuilder<Builder> {
    private int maxValuesPerField = 100;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The most distinct values a field may have to be used. Default 100.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxValuesPerField(int max) {
      this.maxValuesPerField = Checks.atLeast(max, 1, "maxValuesPerField");
      return this;
    }

    /**
     * Makes the finder.
     *
     * @return the finder
     */
    public SliceFinder build() {
      return new SliceFinder(this);
    }
  }
}
