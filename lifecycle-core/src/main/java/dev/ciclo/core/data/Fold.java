package dev.ciclo.core.data;

import dev.ciclo.api.data.Dataset;
import java.util.Objects;

/**
 * One fold of a k-fold split: train on the other folds, validate on this one.
 *
 * @param index the fold, counted from 0
 * @param train every example not in this fold
 * @param validation the examples of this fold
 * @param <X> the input type
 * @param <Y> the target type
 */
public record Fold<X, Y>(int index, Dataset<X, Y> train, Dataset<X, Y> validation) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if a dataset is null
   * @throws IllegalArgumentException if the index is negative
   */
  public Fold {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative but was " + index);
    }
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
  }
}
