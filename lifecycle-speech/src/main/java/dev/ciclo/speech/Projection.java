package dev.ciclo.speech;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads some features, by name, from a vector that may hold more (a served vector carries the
 * monitored signals after the recipe's features). Immutable and thread-safe.
 */
public final class Projection implements FeatureExtractor<FeatureVector> {
  private final List<String> names;

  Projection(List<String> names) {
    this.names = List.copyOf(names);
  }

  /**
   * A projection onto the named features, in this order.
   *
   * @param names the features to keep, in order
   * @return the projection
   * @throws NullPointerException if {@code names} or one of them is null
   */
  public static Projection of(List<String> names) {
    return new Projection(names);
  }

  /**
   * The named features of {@code v}, in this projection's order; {@code v} itself when it holds
   * exactly those.
   *
   * @param v a vector holding at least the named features
   * @return the projected vector
   * @throws NullPointerException if {@code v} is null
   * @throws IllegalArgumentException if {@code v} lacks one of the named features
   */
  @Override
  public FeatureVector extract(FeatureVector v) {
    Objects.requireNonNull(v, "v");
    if (v.names().equals(names)) {
      return v;
    }
    if (v.size() > names.size() && v.names().subList(0, names.size()).equals(names)) {
      return FeatureVector.of(names, Arrays.copyOf(v.toArray(), names.size()));
    }
    double[] out = new double[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(names.get(i));
    }
    return FeatureVector.of(names, out);
  }

  @Override
  public Optional<List<String>> featureNames() {
    return Optional.of(names);
  }

  @Override
  public String describe() {
    return "the " + names.size() + " recipe features by name";
  }
}
