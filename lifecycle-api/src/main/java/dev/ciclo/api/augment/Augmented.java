package dev.ciclo.api.augment;

import java.util.Objects;

/**
 * An augmented input and the record of how it was made.
 *
 * @param output the augmented input, not null
 * @param record what was done
 * @param <X> the input type
 */
public record Augmented<X>(X output, AugmentationRecord record) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public Augmented {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(record, "record");
  }
}
