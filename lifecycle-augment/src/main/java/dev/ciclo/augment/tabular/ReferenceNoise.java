package dev.ciclo.augment.tabular;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.features.FeatureVector;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Noise that changes a row's values in place, feature by feature, after the row was checked
 * against the reference rows it was fitted on ({@link GaussianJitter}, {@link SwapNoise}): the
 * checks, the copy of the values and the record are here, what each does to the values is in
 * {@link #perturb}.
 */
abstract class ReferenceNoise implements Augmenter<FeatureVector> {
  final Reference ref;
  private final String name;

  ReferenceNoise(String name, Reference ref) {
    this.name = name;
    this.ref = ref;
  }

  /**
   * Changes the values of one row.
   *
   * @param values a copy of the row's values, in the reference's feature order, to change
   * @param random the stream to draw from
   * @return the parameters the record carries
   */
  abstract Map<String, Object> perturb(double[] values, RandomGenerator random);

  /**
   * @throws IllegalArgumentException if the input's names are not the reference's
   */
  @Override
  public final Augmented<FeatureVector> apply(FeatureVector input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    ref.check(input, "input");
    double[] v = input.toArray();
    Map<String, Object> parameters = perturb(v, random);
    return new Augmented<>(FeatureVector.of(input.names(), v),
        AugmentationRecord.of(new AppliedTransform(name, parameters)));
  }
}
