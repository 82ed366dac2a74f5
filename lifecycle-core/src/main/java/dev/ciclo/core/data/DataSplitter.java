package dev.ciclo.core.data;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Splits a dataset into train, dev and test parts, or into k folds, deterministically: the same
 * dataset, settings and seed always give the same parts.
 *
 * <ul>
 *   <li>{@link #split}: random by default; {@linkplain Builder#stratify stratified} keeps each
 *       label's share in every part; {@linkplain Builder#groupAware group-aware} keeps every
 *       group (speaker, patient) in one part only.
 *   <li>{@link #kFold}: k folds, plain, stratified or grouped.
 *   <li>{@link #byOrder}: time-ordered; the earliest examples train, the latest test.
 *   <li>{@link #byRule}: an explicit rule per example (FSDD's own: index 0-4 is test).
 * </ul>
 *
 * <pre>{@code
 * Splits<AudioClip, String> s = DataSplitter.builder().fractions(0.6, 0.2, 0.2).groupAware(true)
 *     .seed(7).build().split(fsdd);
 * }</pre>
 *
 * <p>Every split is checked: a part with a positive fraction that would be empty, and (unless
 * switched off) a label that appears in dev, test or a validation fold but never in its
 * training part, fail with an {@link IllegalArgumentException} naming the part and the counts.
 *
 * <p>Immutable and thread-safe.
 */
public final class DataSplitter {
  /** Which part an example goes to, for {@link #byRule}. */
  public enum Part {
    /** The training set. */
    TRAIN,
    /** The development (validation) set. */
    DEV,
    /** The test set. */
    TEST
  }

  final double trainFraction;
  final double devFraction;
  final long seed;
  final boolean stratify;
  final boolean groupAware;
  final boolean requireTrainLabels;

  private DataSplitter(Builder b) {
    this.trainFraction = b.trainFraction;
    this.devFraction = b.devFraction;
    this.seed = b.seed;
    this.stratify = b.stratify;
    this.groupAware = b.groupAware;
    this.requireTrainLabels = b.requireTrainLabels;
  }

  /**
   * A builder with the defaults: fractions 0.7 / 0.15 / 0.15, seed 0, random (neither stratified
   * nor group-aware), unseen labels refused.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  double testFraction() {
    return 1 - trainFraction - devFraction;
  }

  /**
   * Splits a dataset by the fractions: examples (or, when group-aware, whole groups) are
   * shuffled with the seed and cut by the fractions; stratified splits cut each label apart. Each
   * part records the split in its provenance.
   *
   * @param data the dataset
   * @param <X> the input type
   * @param <Y> the target type
   * @return the three parts; {@link Splits#sharedGroups()} is empty when group-aware
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if a part with a positive fraction would be empty, or a
   *     label of dev or test is missing from train; the message names the part and the counts
   */
  public <X, Y> Splits<X, Y> split(Dataset<X, Y> data) {
    Objects.requireNonNull(data, "data");
    return SplitAlgorithms.split(this, data);
  }

  /**
   * Splits into k folds for cross-validation: plain (shuffled), stratified (each label spread
   * evenly) or group-aware (whole groups, balanced by size, largest first); the settings are the
   * builder's. Fractions do not apply.
   *
   * @param data the dataset
   * @param k the number of folds, at least 2 and at most the number of examples (of groups when
   *     group-aware)
   * @param <X> the input type
   * @param <Y> the target type
   * @return the k folds, each with its training part
   * @throws IllegalArgumentException if k is out of range (naming k and the counts) or a fold's
   *     validation has a label its training part lacks
   */
  public <X, Y> List<Fold<X, Y>> kFold(Dataset<X, Y> data, int k) {
    Objects.requireNonNull(data, "data");
    return SplitAlgorithms.kFold(this, data, k);
  }

  /**
   * A time-ordered split: examples are sorted by {@code order} (ties keep dataset order) and cut
   * by the fractions, earliest to train, latest to test. The seed and group setting do not
   * apply.
   *
   * @param data the dataset
   * @param order the time order, for example by a timestamp in the metadata
   * @param <X> the input type
   * @param <Y> the target type
   * @return the three parts
   * @throws IllegalArgumentException if a part would be empty or a label is unseen in train
   */
  public <X, Y> Splits<X, Y> byOrder(
      Dataset<X, Y> data, Comparator<? super Example<X, Y>> order) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(order, "order");
    return SplitAlgorithms.byOrder(this, data, order);
  }

  /**
   * Splits by an explicit rule: the function says each example's part. Fractions and seed do not
   * apply; the dev part may be empty, train and test may not.
   *
   * <pre>{@code
   * // FSDD's own convention: recordings 0-4 of every speaker and digit are the test set
   * splitter.byRule(fsdd, e -> Integer.parseInt(e.metadata().get("index")) < 5
   *     ? DataSplitter.Part.TEST : DataSplitter.Part.TRAIN);
   * }</pre>
   *
   * @param data the dataset
   * @param rule the part of each example; must not return null
   * @param <X> the input type
   * @param <Y> the target type
   * @return the three parts, each in dataset order
   * @throws IllegalArgumentException if train or test would be empty, or a label is unseen in
   *     train, or the rule fails on an example (naming it)
   */
  public <X, Y> Splits<X, Y> byRule(
      Dataset<X, Y> data, Function<? super Example<X, Y>, Part> rule) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(rule, "rule");
    return SplitAlgorithms.byRule(this, data, rule);
  }

  String describe(String kind) {
    return String.format(Locale.ROOT, "%s split %.3f/%.3f/%.3f seed %d", kind, trainFraction,
        devFraction, testFraction(), seed);
  }

  /** Configures a {@link DataSplitter}. Not thread-safe. */
  public static final class Builder {
    private double trainFraction = 0.7;
    private double devFraction = 0.15;
    private long seed;
    private boolean stratify;
    private boolean groupAware;
    private boolean requireTrainLabels = true;

    private Builder() {}

    /**
     * The share of each part. Default 0.7 / 0.15 / 0.15.
     *
     * @param train the training share, in {@code (0, 1]}
     * @param dev the dev share, in {@code [0, 1)}
     * @param test the test share, in {@code [0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if a share is out of range or the shares do not add up
     *     to 1 (within 1e-9)
     */
    public Builder fractions(double train, double dev, double test) {
      if (!(train > 0 && train <= 1)) {
        throw new IllegalArgumentException("train fraction must be in (0, 1] but was " + train);
      }
      if (!(dev >= 0 && dev < 1)) {
        throw new IllegalArgumentException("dev fraction must be in [0, 1) but was " + dev);
      }
      if (!(test >= 0 && test < 1)) {
        throw new IllegalArgumentException("test fraction must be in [0, 1) but was " + test);
      }
      if (Math.abs(train + dev + test - 1) > 1e-9) {
        throw new IllegalArgumentException(
            "fractions must add up to 1 but " + train + " + " + dev + " + " + test + " = "
                + (train + dev + test));
      }
      this.trainFraction = train;
      this.devFraction = dev;
      return this;
    }

    /**
     * The seed of every shuffle. Default 0.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Whether each label keeps its share in every part (and is spread evenly over k folds).
     * Default {@code false}.
     *
     * @param stratify whether to stratify by label
     * @return this builder
     */
    public Builder stratify(boolean stratify) {
      this.stratify = stratify;
      return this;
    }

    /**
     * Whether whole groups go to one part, so no group (speaker) is in two parts. The fractions
     * are then met as closely as whole groups allow. Default {@code false}.
     *
     * @param groupAware whether to split by group
     * @return this builder
     */
    public Builder groupAware(boolean groupAware) {
      this.groupAware = groupAware;
      return this;
    }

    /**
     * Whether a label that appears in dev, test or a validation fold but not in its training part
     * is an error. Default {@code true}: a model cannot learn a label it never saw.
     *
     * @param require whether to refuse unseen labels
     * @return this builder
     */
    public Builder requireTrainLabels(boolean require) {
      this.requireTrainLabels = require;
      return this;
    }

    /**
     * Makes the splitter.
     *
     * @return the splitter
     * @throws IllegalStateException if both stratified and group-aware splitting are asked for
     */
    public DataSplitter build() {
      if (stratify && groupAware) {
        throw new IllegalStateException("stratify(true) and groupAware(true) cannot be combined:"
            + " whole groups cannot also be cut by label; choose one");
      }
      return new DataSplitter(this);
    }
  }
}
