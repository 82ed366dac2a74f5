package dev.ciclo.augment.tabular;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Adds Gaussian noise to every feature, with a standard deviation of {@code scale} times that
 * feature's population standard deviation in the reference rows (default scale 0.05), so
 * features on different scales are jittered alike and constant features are left alone.
 *
 * <p>Draws: one {@code nextGaussian()} per feature. The record, named {@value #NAME}, carries
 * {@code scale} and {@code features}. Immutable and thread-safe.
 */
public final class GaussianJitter extends ReferenceNoise {
  /** The transform's name in records. */
  public static final String NAME = "gaussian-jitter";

  private final double[] sigma;
  private final double scale;

  private GaussianJitter(Reference ref, double scale) {
    super(NAME, ref);
    this.scale = scale;
    double[] s = ref.std();
    for (int j = 0; j < s.length; j++) {
      s[j] *= scale;
    }
    this.sigma = s;
  }

  /**
   * Fits the spreads on reference rows (the training set).
   *
   * @param reference the rows, at least one, all with the same names
   * @param scale the noise's standard deviation as a fraction of each feature's, from 0 to 10
   * @return the augmenter, for vectors with the reference's names
   * @throws IllegalArgumentException if there is no row, names differ, or scale is out of range
   */
  public static GaussianJitter fit(List<FeatureVector> reference, double scale) {
    Checks.between(scale, 0, 10, "scale");
    return new GaussianJitter(new Reference(reference), scale);
  }

  /**
   * Fits with scale 0.05.
   *
   * @param reference the rows
   * @return the augmenter
   * @throws IllegalArgumentException if there is no row or names differ
   */
  public static GaussianJitter fit(List<FeatureVector> reference) {
    return fit(reference, 0.05);
  }

  @Override
  Map<String, Object> perturb(double[] v, RandomGenerator random) {
    for (int j = 0; j < v.length; j++) {
      v[j] += sigma[j] * random.nextGaussian();
    }
    return Map.of("scale", scale, "features", v.length);
  }

  @Override
  public String toString() {
    return "GaussianJitter[scale " + scale + ", " + sigma.length + " features]";
  }
}
