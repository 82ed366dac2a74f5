package dev.ciclo.augment;

import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Applies an augmenter to the examples of a dataset, with a random stream per (seed, example id,
 * copy), so the result is the same on any number of threads and in any order.
 *
 * <p>Copy {@code c} (from 0) of an example in epoch {@code e} draws from {@code new
 * RandomKey(seed, id, e * copies + c).generator()}. A copy keeps its source's id, group, target,
 * tags and metadata, so a group-aware split never puts a copy and its source on different sides;
 * it gains the tag {@link #TAG} and two metadata entries: {@code "augmentation"} (the record as
 * JSON, see {@link Records#toJson}) and {@code "augmentationKey"} ({@code
 * "seed=42,epoch=3"}). Examples that share an id draw the same stream.
 *
 * <p>{@link #apply} returns a dataset whose provenance gains one step naming the augmenter, the
 * seed and the counts, with a {@link Records#summarize summary} of every record. {@link #copies}
 * is the lazy form: a stream that makes each copy when it is consumed, and may be parallel.
 *
 * <p>Immutable and thread-safe when the augmenter is.
 *
 * @param <X> the input type
 */
public final class DatasetAugmentation<X> {
  /** The tag every augmented copy carries. */
  public static final String TAG = "augmented";

  private final Augmenter<X> augmenter;
  private final long seed;
  private final int copies;
  private final int epoch;
  private final boolean keepOriginals;

  private DatasetAugmentation(Builder<X> b) {
    augmenter = b.augmenter;
    seed = b.seed;
    copies = b.copies;
    epoch = b.epoch;
    keepOriginals = b.keepOriginals;
  }

  /**
   * A builder: 1 copy per example, epoch 0, originals kept.
   *
   * @param augmenter the augmenter
   * @param seed the run's seed
   * @param <X> the input type
   * @return the builder
   * @throws NullPointerException if {@code augmenter} is null
   */
  public static <X> Builder<X> builder(Augmenter<X> augmenter, long seed) {
    return new Builder<>(Objects.requireNonNull(augmenter, "augmenter"), seed);
  }

  /**
   * Makes one augmented copy of an example.
   *
   * @param example the source
   * @param copy the copy number, from 0 to {@code copies - 1}
   * @param <Y> the target type
   * @return the copy and its record
   * @throws IllegalArgumentException if {@code copy} is out of range, or the augmenter refuses
   *     the input
   */
  public <Y> AugmentedExample<X, Y> copy(Example<X, Y> example, int copy) {
    Objects.requireNonNull(example, "example");
    Checks.between(copy, 0, copies - 1, "copy");
    return AugmentedExample.of(
        augmenter, example, new RandomKey(seed, example.id(), epoch * copies + copy));
  }

  /**
   * The augmented copies with their records, made lazily: example by example, each example's
   * copies in order. The stream may be made parallel; the copies are the same either way.
   *
   * @param data the source examples
   * @param <Y> the target type
   * @return a stream of {@code data.size() * copies} copies
   * @throws IllegalArgumentException if that is more than {@code Integer.MAX_VALUE}
   */
  public <Y> Stream<AugmentedExample<X, Y>> copies(Dataset<X, Y> data) {
    Objects.requireNonNull(data, "data");
    if ((long) data.size() * copies > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("data.size() * copies must be at most "
          + Integer.MAX_VALUE + " but was " + (long) data.size() * copies);
    }
    return IntStream.range(0, data.size() * copies)
        .mapToObj(i -> copy(data.get(i / copies), i % copies));
  }

  /**
   * The augmented dataset: the originals (unless switched off) followed by every copy, with the
   * provenance step described in the class comment.
   *
   * @param data the source examples
   * @param <Y> the target type
   * @return the new dataset
   */
  public <Y> Dataset<X, Y> apply(Dataset<X, Y> data) {
    Objects.requireNonNull(data, "data");
    List<AugmentedExample<X, Y>> made = copies(data).toList();
    List<Example<X, Y>> all = new ArrayList<>(keepOriginals ? data.examples() : List.of());
    made.forEach(m -> all.add(m.example()));
    String step = "augment: " + made.size() + " copies (" + copies + " per example, epoch "
        + epoch + ", seed " + seed + ") with " + augmenter
        + (keepOriginals ? ", originals kept" : ", originals dropped") + "; "
        + Records.summarize(made.stream().map(AugmentedExample::record).toList());
    return Dataset.of(data.name(), all, data.provenance().withStep(step));
  }

  @Override
  public String toString() {
    return "DatasetAugmentation[" + augmenter + ", seed " + seed + ", " + copies + " copies]";
  }

  /**
   * Mutable, not thread-safe builder.
   *
   * @param <X> the input type
   */
  public static final class Builder<X> {
    private final Augmenter<X> augmenter;
    private final long seed;
    private int copies = 1;
    private int epoch = 0;
    private boolean keepOriginals = true;

    private Builder(Augmenter<X> augmenter, long seed) {
      this.augmenter = augmenter;
      this.seed = seed;
    }

    /**
     * @param n augmented copies per example, 1 to 1000; default 1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X> copies(int n) {
      copies = Checks.between(n, 1, 1000, "copies");
      return this;
    }

    /**
     * @param e the epoch, so each epoch draws fresh copies, 0 to 1000000; default 0
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X> epoch(int e) {
      epoch = Checks.between(e, 0, 1_000_000, "epoch");
      return this;
    }

    /**
     * @param keep whether {@link #apply} keeps the originals before the copies; default true
     * @return this builder
     */
    public Builder<X> keepOriginals(boolean keep) {
      keepOriginals = keep;
      return this;
    }

    /**
     * Builds the augmentation.
     *
     * @return the augmentation
     */
    public DatasetAugmentation<X> build() {
      return new DatasetAugmentation<>(this);
    }
  }
}
