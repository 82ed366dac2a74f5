package dev.ciclo.augment.targeted;

import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.AugmentedExample;
import dev.ciclo.augment.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * "Augment the examples of this weak slice until it is N% of the training set."
 *
 * <p>With {@code n} training examples of which {@code s} are in the slice and a target share
 * {@code q}, it makes {@code k = max(0, ceil((q n - s) / (1 - q)))} copies, so that {@code (s +
 * k) / (n + k) >= q}. Copy {@code j} (from 0) is made from slice example {@code j mod s} (in
 * dataset order) with the stream {@code new RandomKey(seed, id, j / s)}: round-robin, so every
 * slice example is used as evenly as possible, and each copy is a pure function of its key.
 *
 * <p>{@link #copies} is lazy: it holds the indices of the slice (one int each) and makes each
 * copy when it is consumed, so memory stays bounded however many copies are asked for; the
 * stream may be parallel. Copies keep their source's id and group (see {@link
 * AugmentedExample}). {@link #apply} materialises the training set plus the copies and adds a
 * provenance step with the slice, the shares before and after, and a summary of the records.
 *
 * <p>Immutable and thread-safe when the augmenter and the predicate are.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public final class TargetedAugmentation<X, Y> {
  private final Predicate<? super Example<X, Y>> slice;
  private final String sliceName;
  private final double share;
  private final Augmenter<X> augmenter;
  private final long seed;

  private TargetedAugmentation(Builder<X, Y> b) {
    slice = b.slice;
    sliceName = b.sliceName;
    share = b.share;
    augmenter = b.augmenter;
    seed = b.seed;
  }

  /**
   * A builder; the slice and the share must be set.
   *
   * @param augmenter the augmenter to make copies with
   * @param seed the run's seed
   * @param <X> the input type
   * @param <Y> the target type
   * @return the builder
   * @throws NullPointerException if {@code augmenter} is null
   */
  public static <X, Y> Builder<X, Y> builder(Augmenter<X> augmenter, long seed) {
    return new Builder<>(Objects.requireNonNull(augmenter, "augmenter"), seed);
  }

  /**
   * How many copies {@link #copies} will make for a training set.
   *
   * @param train the training set
   * @return the number of copies, 0 if the slice already has its share
   * @throws IllegalArgumentException if copies are needed but the slice is empty
   */
  public long copiesNeeded(Dataset<X, Y> train) {
    return plan(train).needed;
  }

  /**
   * The copies, made lazily.
   *
   * @param train the training set
   * @return a stream of {@link #copiesNeeded} augmented examples of the slice
   * @throws IllegalArgumentException if copies are needed but the slice is empty, or more than
   *     {@code Integer.MAX_VALUE} would be needed
   */
  public Stream<AugmentedExample<X, Y>> copies(Dataset<X, Y> train) {
    Plan p = plan(train);
    if (p.needed > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("share " + share + " of " + train.size()
          + " examples needs " + p.needed + " copies, more than " + Integer.MAX_VALUE);
    }
    int[] idx = p.indices;
    return IntStream.range(0, (int) p.needed).mapToObj(j -> {
      Example<X, Y> src = train.get(idx[j % idx.length]);
      return AugmentedExample.of(augmenter, src, new RandomKey(seed, src.id(), j / idx.length));
    });
  }

  /**
   * The training set followed by the copies, with a provenance step.
   *
   * @param train the training set
   * @return the augmented training set
   * @throws IllegalArgumentException as {@link #copies}
   */
  public Dataset<X, Y> apply(Dataset<X, Y> train) {
    Plan p = plan(train);
    List<Example<X, Y>> all = new ArrayList<>(train.examples());
    List<dev.ciclo.api.augment.AugmentationRecord> recs = new ArrayList<>();
    copies(train).forEachOrdered(a -> {
      all.add(a.example());
      recs.add(a.record());
    });
    long s = p.indices.length;
    String step = String.format(java.util.Locale.ROOT,
        "targeted augment: slice %s from %d/%d (%.1f%%) to %d/%d (%.1f%%), target %.1f%%, "
            + "%d copies, seed %d, with %s; %s",
        sliceName, s, train.size(), pct(s, train.size()), s + p.needed, train.size() + p.needed,
        pct(s + p.needed, train.size() + p.needed), share * 100, p.needed, seed, augmenter,
        Records.summarize(recs));
    return Dataset.of(train.name(), all, train.provenance().withStep(step));
  }

  private static double pct(long a, long b) {
    return b == 0 ? 0 : 100.0 * a / b;
  }

  private Plan plan(Dataset<X, Y> train) {
    Objects.requireNonNull(train, "train");
    int[] idx = IntStream.range(0, train.size()).filter(i -> slice.test(train.get(i))).toArray();
    long n = train.size();
    long s = idx.length;
    // Smallest k with (s + k) >= share * (n + k); the closed form can be off by one in floating
    // point, so it is corrected against the inequality itself.
    long needed = (long) Math.max(0, Math.ceil((share * n - s) / (1 - share)));
    while (needed > 0 && s + needed - 1 >= share * (n + needed - 1)) {
      needed--;
    }
    while (s + needed < share * (n + needed)) {
      needed++;
    }
    if (needed > 0 && s == 0) {
      throw new IllegalArgumentException("slice " + sliceName + " has no example in the "
          + n + " examples of " + train.name() + ": nothing to augment");
    }
    return new Plan(idx, needed);
  }

  /** The slice's indices and how many copies are needed. */
  private static final class Plan {
    final int[] indices;
    final long needed;

    Plan(int[] indices, long needed) {
      this.indices = indices;
      this.needed = needed;
    }
  }

  @Override
  public String toString() {
    return "TargetedAugmentation[slice " + sliceName + " to " + share + " with " + augmenter + "]";
  }

  /**
   * Mutable, not thread-safe builder.
   *
   * @param <X> the input type
   * @param <Y> the target type
   */
  public static final class Builder<X, Y> {
    private final Augmenter<X> augmenter;
    private final long seed;
    private Predicate<? super Example<X, Y>> slice;
    private String sliceName;
    private double share = Double.NaN;

    private Builder(Augmenter<X> augmenter, long seed) {
      this.augmenter = augmenter;
      this.seed = seed;
    }

    /**
     * The slice: examples carrying a tag.
     *
     * @param tag the tag, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder<X, Y> sliceTag(String tag) {
      Objects.requireNonNull(tag, "tag");
      if (tag.isBlank()) {
        throw new IllegalArgumentException("tag must not be blank");
      }
      slice = e -> e.hasTag(tag);
      sliceName = "tag " + tag;
      return this;
    }

    /**
     * The slice: examples satisfying a predicate.
     *
     * @param description what the predicate selects, for the provenance, not blank
     * @param predicate the predicate
     * @return this builder
     * @throws IllegalArgumentException if the description is blank
     */
    public Builder<X, Y> slice(String description, Predicate<? super Example<X, Y>> predicate) {
      Objects.requireNonNull(description, "description");
      if (description.isBlank()) {
        throw new IllegalArgumentException("description must not be blank");
      }
      slice = Objects.requireNonNull(predicate, "predicate");
      sliceName = description;
      return this;
    }

    /**
     * The share of the augmented training set the slice should reach.
     *
     * @param q from 0.001 to 0.99
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X, Y> targetShare(double q) {
      share = Checks.between(q, 0.001, 0.99, "targetShare");
      return this;
    }

    /**
     * Builds it.
     *
     * @return the targeted augmentation
     * @throws IllegalStateException if the slice or the share was not set
     */
    public TargetedAugmentation<X, Y> build() {
      if (slice == null) {
        throw new IllegalStateException("set the slice (sliceTag or slice) before build()");
      }
      if (Double.isNaN(share)) {
        throw new IllegalStateException("set targetShare before build()");
      }
      return new TargetedAugmentation<>(this);
    }
  }
}
