package dev.ciclo.api.monitor;

import dev.ciclo.api.internal.Checks;
import java.util.List;

/**
 * What drifted between a reference dataset and a current one, feature by feature, and the
 * dataset-level verdict: the typed result of one call, which JSON and HTML renderings read.
 *
 * @param reference the reference's name (such as the training set's), not blank
 * @param referenceRows the number of reference rows, not negative
 * @param current the current data's name (a dataset, or a window of the prediction log), not
 *     blank
 * @param currentRows the number of current rows, not negative
 * @param correction the multiple-testing correction applied to the p-values, not blank
 * @param alpha the family-wise or false-discovery level of the correction, in (0, 1)
 * @param share the share of drifted features at which the dataset has drifted, in (0, 1]
 * @param features one line per feature, in the order the features were first seen
 * @param driftedShare the share of features that drifted, in [0, 1]
 * @param drifted whether {@code driftedShare >= share}
 */
public record DriftReport(
    String reference,
    long referenceRows,
    String current,
    long currentRows,
    String correction,
    double alpha,
    double share,
    List<FeatureDrift> features,
    double driftedShare,
    boolean drifted) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if a value is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public DriftReport {
    Checks.notBlank(reference, "reference");
    Checks.notNegative(referenceRows, "referenceRows");
    Checks.notBlank(current, "current");
    Checks.notNegative(currentRows, "currentRows");
    Checks.notBlank(correction, "correction");
    Checks.open01(alpha, "alpha");
    Checks.between(share, 0, 1, "share");
    features = List.copyOf(features);
    Checks.between(driftedShare, 0, 1, "driftedShare");
  }

  /**
   * The features that drifted, in report order.
   *
   * @return their names
   */
  public List<String> driftedFeatures() {
    return features.stream().filter(f -> f.result().drifted()).map(FeatureDrift::name).toList();
  }
}
