package dev.ciclo.augment;

import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.Example;
import java.util.Objects;

/**
 * An augmented copy of an example and the record of how it was made.
 *
 * @param example the copy: the source's id, group, target, tags and metadata, plus the tag
 *     {@value DatasetAugmentation#TAG} and the metadata {@code "augmentation"} (the record as
 *     JSON) and {@code "augmentationKey"}
 * @param record what was done
 * @param <X> the input type
 * @param <Y> the target type
 */
public record AugmentedExample<X, Y>(Example<X, Y> example, AugmentationRecord record) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public AugmentedExample {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(record, "record");
  }

  /**
   * Augments one example with the stream of a key.
   *
   * @param augmenter the augmenter
   * @param source the example
   * @param key the stream's key; its example id need not be the source's
   * @param <X> the input type
   * @param <Y> the target type
   * @return the copy and its record
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the augmenter refuses the input
   */
  public static <X, Y> AugmentedExample<X, Y> of(
      Augmenter<X> augmenter, Example<X, Y> source, RandomKey key) {
    Objects.requireNonNull(augmenter, "augmenter");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(key, "key");
    var a = augmenter.apply(source.input(), key.generator());
    Example<X, Y> copy = source.withInput(a.output())
        .withTags(DatasetAugmentation.TAG)
        .withMetadata("augmentation", Records.toJson(a.record()))
        .withMetadata("augmentationKey", "seed=" + key.seed() + ",epoch=" + key.epoch());
    return new AugmentedExample<>(copy, a.record());
  }
}
