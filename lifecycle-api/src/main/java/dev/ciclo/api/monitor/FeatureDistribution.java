package dev.ciclo.api.monitor;

import dev.ciclo.api.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * How one feature's values are spread in one dataset, in bins that the reference and the
 * current dataset share so they can be drawn side by side: for a number, bins between
 * {@code edges} (bin {@code i} holds {@code edges[i] <= v < edges[i + 1]}, the last bin also its
 * upper edge; values outside the reference's range go to the first or last bin); for a
 * category, one bin per category.
 *
 * @param labels one label per bin, such as {@code "[4.3, 5.1)"} or {@code "setosa"}
 * @param edges for a number, the bin edges, one more than the labels and increasing; empty for
 *     a category
 * @param counts the count per bin, not negative
 * @param total the number of values, the sum of the counts
 */
public record FeatureDistribution(
    List<String> labels, List<Double> edges, List<Long> counts, long total) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if a list or an element is null
   * @throws IllegalArgumentException if the sizes disagree, a count is negative or the total is
   *     not their sum
   */
  public FeatureDistribution {
    labels = List.copyOf(labels);
    edges = List.copyOf(edges);
    counts = List.copyOf(counts);
    if (counts.size() != labels.size()) {
      throw new IllegalArgumentException("counts and labels must have the same size but had "
          + counts.size() + " and " + labels.size());
    }
    if (!edges.isEmpty() && edges.size() != labels.size() + 1) {
      throw new IllegalArgumentException("edges must have one more element than labels ("
          + labels.size() + ") but had " + edges.size());
    }
    long sum = 0;
    for (Long c : counts) {
      sum += Checks.notNegative(Objects.requireNonNull(c, "count"), "count");
    }
    if (sum != total) {
      throw new IllegalArgumentException("total must be the sum of the counts (" + sum
          + ") but was " + total);
    }
  }

  /**
   * Whether the feature is a number (the bins have edges).
   *
   * @return true for a number, false for a category
   */
  public boolean numeric() {
    return !edges.isEmpty();
  }

  /**
   * The share of the values in each bin.
   *
   * @return one share per bin, each in [0, 1]; all 0 when there is no value
   */
  public List<Double> shares() {
    return counts.stream().map(c -> total == 0 ? 0.0 : (double) c / total).toList();
  }
}
