package dev.ciclo.augment.tabular;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.AugmentedExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Minority oversampling by interpolation (SMOTE, Chawla et al. 2002).
 *
 * <p>Synthetic example {@code j} (from 0) starts from minority example {@code j mod m} (in
 * dataset order; {@code m} minority examples), draws from {@code new RandomKey(seed, id, j / m)}
 * one of its {@code k} nearest minority neighbours (Euclidean; fewer if the class is smaller)
 * and {@code lambda} uniform in {@code [0, 1)}, and is {@code base + lambda (neighbour - base)}.
 * It keeps the base example's id, group, target, tags and metadata (see {@link
 * AugmentedExample}); its record, named {@value #NAME}, carries {@code neighbourId}, {@code
 * lambda} and {@code k}.
 *
 * <p>Run it on the training part only, after a group-aware split: the neighbour may come from
 * another group, and only then are both on the same side of the split. A minority class of one
 * example yields copies of it ({@code lambda} is still drawn, the neighbour is itself).
 *
 * <p>Immutable and thread-safe.
 */
public final class Smote {
  /** The transform's name in records. */
  public static final String NAME = "smote";

  private final int k;
  private final long seed;

  private Smote(int k, long seed) {
    this.k = k;
    this.seed = seed;
  }

  /**
   * SMOTE with {@code k} neighbours.
   *
   * @param k neighbours to choose among, from 1 to 100 (the paper uses 5)
   * @param seed the run's seed
   * @return the oversampler
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public static Smote of(int k, long seed) {
    return new Smote(Checks.between(k, 1, 100, "k"), seed);
  }

  /**
   * How many synthetic examples bring a class up to the size of the largest class.
   *
   * @param train the training set
   * @param minority the class
   * @param <Y> the target type
   * @return the count, 0 if it is already the largest
   */
  public static <Y> int countToBalance(Dataset<FeatureVector, Y> train, Y minority) {
    Map<Y, Long> counts = new java.util.HashMap<>();
    train.forEach(e -> counts.merge(e.target(), 1L, Long::sum));
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return (int) Math.max(0, max - counts.getOrDefault(minority, 0L));
  }

  /**
   * Synthetic examples of a class, made lazily (the neighbour lists are computed first, in
   * {@code O(m^2 d)}).
   *
   * @param train the training set
   * @param minority the class to oversample
   * @param count how many to make, from 0
   * @param <Y> the target type
   * @return a stream of {@code count} synthetic examples with their records
   * @throws IllegalArgumentException if {@code count} is negative, the class has no example while
   *     count is positive, or the class's vectors have different names
   */
  public <Y> Stream<AugmentedExample<FeatureVector, Y>> oversample(
      Dataset<FeatureVector, Y> train, Y minority, int count) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(minority, "minority");
    Checks.between(count, 0, Integer.MAX_VALUE, "count");
    List<Example<FeatureVector, Y>> cls =
        train.stream().filter(e -> e.target().equals(minority)).toList();
    if (count == 0) {
      return Stream.empty();
    }
    if (cls.isEmpty()) {
      throw new IllegalArgumentException("minority class " + minority + " has no example in "
          + train.name() + ": nothing to interpolate");
    }
    Reference ref = new Reference(cls.stream().map(Example::input).toList());
    int[][] nn = neighbours(ref.rows);
    int m = cls.size();
    return IntStream.range(0, count).mapToObj(j -> {
      int b = j % m;
      Example<FeatureVector, Y> base = cls.get(b);
      var r = new RandomKey(seed, base.id(), j / m).generator();
      int[] cand = nn[b];
      int nb = cand.length == 0 ? b : cand[r.nextInt(cand.length)];
      double lambda = r.nextDouble();
      double[] x = ref.rows[b].clone();
      double[] y = ref.rows[nb];
      for (int i = 0; i < x.length; i++) {
        x[i] += lambda * (y[i] - x[i]);
      }
      AugmentationRecord rec = AugmentationRecord.of(new AppliedTransform(NAME,
          Map.of("neighbourId", cls.get(nb).id(), "lambda", lambda, "k", k)));
      return AugmentedExample.of((in, g) -> new Augmented<>(FeatureVector.of(ref.names, x), rec),
          base, new RandomKey(seed, base.id(), j / m));
    });
  }

  private int[][] neighbours(double[][] rows) {
    int m = rows.length;
    int kk = Math.min(k, m - 1);
    int[][] out = new int[m][];
    for (int a = 0; a < m; a++) {
      double[] d = new double[m];
      Integer[] idx = new Integer[m];
      for (int b = 0; b < m; b++) {
        idx[b] = b;
        double s = 0;
        for (int i = 0; i < rows[a].length; i++) {
          double t = rows[a][i] - rows[b][i];
          s += t * t;
        }
        d[b] = s;
      }
      final int self = a;
      Arrays.sort(idx, (p, q) -> p == self ? -1 : q == self ? 1
          : d[p] != d[q] ? Double.compare(d[p], d[q]) : Integer.compare(p, q));
      out[a] = new int[kk];
      for (int i = 0; i < kk; i++) {
        out[a][i] = idx[i + 1];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Smote[k=" + k + ", seed " + seed + "]";
  }
}
