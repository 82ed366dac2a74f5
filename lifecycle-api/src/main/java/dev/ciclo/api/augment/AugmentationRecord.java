package dev.ciclo.api.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an augmenter did to one input: the transforms applied, in order. Empty when nothing was
 * applied (a step whose probability did not fire).
 *
 * @param transforms the transforms, in the order applied
 */
public record AugmentationRecord(List<AppliedTransform> transforms) {
  private static final AugmentationRecord NONE = new AugmentationRecord(List.of());

  /**
   * Copies the list.
   *
   * @throws NullPointerException if the list or an element is null
   */
  public AugmentationRecord {
    transforms = List.copyOf(transforms);
  }

  /**
   * The record of doing nothing.
   *
   * @return an empty record
   */
  public static AugmentationRecord none() {
    return NONE;
  }

  /**
   * The record of one transform.
   *
   * @param transform the transform
   * @return a record with that one transform
   */
  public static AugmentationRecord of(AppliedTransform transform) {
    return new AugmentationRecord(List.of(transform));
  }

  /**
   * This record followed by another.
   *
   * @param next what was done after
   * @return the combined record
   */
  public AugmentationRecord then(AugmentationRecord next) {
    Objects.requireNonNull(next, "next");
    if (next.transforms.isEmpty()) {
      return this;
    }
    if (transforms.isEmpty()) {
      return next;
    }
    List<AppliedTransform> all = new ArrayList<>(transforms);
    all.addAll(next.transforms);
    return new AugmentationRecord(all);
  }

  /**
   * Whether nothing was applied.
   *
   * @return {@code true} if empty
   */
  public boolean isEmpty() {
    return transforms.isEmpty();
  }
}
