package dev.ciclo.api.analysis;

import java.util.List;

/**
 * The tags a person gave to a sample of errors, counted.
 *
 * @param examples how many examples the dataset held, not negative
 * @param errors how many of them were misclassified, not negative
 * @param reviewed how many sampled errors the sheet held, not negative
 * @param untagged how many of them got no tag
 * @param tags each tag's count and share, most frequent first (ties by name)
 */
public record TagReport(long examples, long errors, int reviewed, int untagged,
    List<TagShare> tags) {
  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a count is negative or inconsistent
   */
  public TagReport {
    if (examples < 0 || errors < 0 || errors > examples) {
      throw new IllegalArgumentException("errors must be between 0 and examples (" + examples
          + ") but was " + errors);
    }
    if (reviewed < 0 || untagged < 0 || untagged > reviewed) {
      throw new IllegalArgumentException("untagged must be between 0 and reviewed (" + reviewed
          + ") but was " + untagged);
    }
    tags = List.copyOf(tags);
  }

  /**
   * The overall error rate.
   *
   * @return {@code errors / examples}, 0 for an empty dataset
   */
  public double errorRate() {
    return examples == 0 ? 0 : (double) errors / examples;
  }
}
