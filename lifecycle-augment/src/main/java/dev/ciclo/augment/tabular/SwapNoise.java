package dev.ciclo.augment.tabular;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Swap noise (as in denoising autoencoders for tabular data): each feature, with a probability
 * (default 0.15), takes the value of the same feature in a reference row drawn uniformly, so the
 * noise follows each feature's own distribution.
 *
 * <p>Draws per feature: one {@code nextDouble()}, and a {@code nextInt(rows)} when it swaps. The
 * record, named {@value #NAME}, carries {@code probability} and {@code swapped}. Immutable and
 * thread-safe.
 */
public final class SwapNoise extends ReferenceNoise {
  /** The transform's name in records. */
  public static final String NAME = "swap-noise";

  private final double p;

  private SwapNoise(Reference ref, double p) {
    super(NAME, ref);
    this.p = p;
  }

  /**
   * Uses reference rows (the training set) as the source of swapped values.
   *
   * @param reference the rows, at least one, all with the same names
   * @param probability per feature, from 0 to 1
   * @return the augmenter
   * @throws IllegalArgumentException if there is no row, names differ, or the probability is out
   *     of range
   */
  public static SwapNoise fit(List<FeatureVector> reference, double probability) {
    Checks.between(probability, 0, 1, "probability");
    return new SwapNoise(new Reference(reference), probability);
  }

  /**
   * Swap noise at probability 0.15.
   *
   * @param reference the rows
   * @return the augmenter
   * @throws IllegalArgumentException if there is no row or names differ
   */
  public static SwapNoise fit(List<FeatureVector> reference) {
    return fit(reference, 0.15);
  }

  @Override
  Map<String, Object> perturb(double[] v, RandomGenerator random) {
    int swapped = 0;
    for (int j = 0; j < v.length; j++) {
      if (random.nextDouble() < p) {
        v[j] = ref.rows[random.nextInt(ref.rows.length)][j];
        swapped++;
      }
    }
    return Map.of("probability", p, "swapped", swapped);
  }

  @Override
  public String toString() {
    return "SwapNoise[p=" + p + ", " + ref.rows.length + " reference rows]";
  }
}
