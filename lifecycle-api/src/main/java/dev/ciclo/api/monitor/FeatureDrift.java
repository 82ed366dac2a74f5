package dev.ciclo.api.monitor;

import dev.ciclo.api.internal.Checks;
import java.util.Objects;

/**
 * One feature's line in a {@link DriftReport}: the test chosen for it, its result after the
 * multiple-testing correction, and its distribution in both datasets.
 *
 * @param name the feature's name, not blank
 * @param result the test's result; for a test with a p-value, its threshold is the corrected one
 * @param reference the distribution in the reference dataset
 * @param current the distribution in the current dataset, in the same bins
 */
public record FeatureDrift(
    String name, DriftTestResult result, FeatureDistribution reference,
    FeatureDistribution current) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if a value is null
   * @throws IllegalArgumentException if the name is blank or the two distributions do not share
   *     their bins
   */
  public FeatureDrift {
    Checks.notBlank(name, "name");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    if (!reference.labels().equals(current.labels())) {
      throw new IllegalArgumentException("the reference and current distributions of feature '"
          + name + "' must share their bins but had " + reference.labels() + " and "
          + current.labels());
    }
  }
}
