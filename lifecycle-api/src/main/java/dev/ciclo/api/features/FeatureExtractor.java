package dev.ciclo.api.features;

import java.util.List;
import java.util.Optional;

/**
 * Turns an input into a named feature vector.
 *
 * <p>The same extractor object is used in training and in serving. Implementations must be
 * thread-safe and deterministic: the same input always gives the same vector, with the same
 * names in the same order.
 *
 * @param <X> the input type
 */
@FunctionalInterface
public interface FeatureExtractor<X> {
  /**
   * Extracts the features of one input.
   *
   * @param input the input, not null
   * @return the features, never null
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the input cannot be turned into features (for example,
   *     an audio clip at an unexpected sample rate)
   */
  FeatureVector extract(X input);

  /**
   * A description of the extractor and its parameters, for run records and provenance.
   *
   * <p>The default is the class name.
   *
   * @return the description, never blank
   */
  default String describe() {
    return getClass().getName();
  }

  /**
   * The names of the features this extractor gives, in order, when they are fixed and known
   * without an input.
   *
   * <p>Most extractors give the same names for every input (a spectral summary, a hashed bag of
   * words): they return them here, so a trainer, a served model or a log schema can be set up
   * before any input arrives, without running a made-up input through {@link #extract}. When the
   * names depend on the input (the {@link #identity()} extractor passes on whatever it gets), the
   * result is empty. When present, every {@link #extract} result has exactly these names.
   *
   * <p>The default is empty.
   *
   * @return the names, or empty when they are not known without an input
   */
  default Optional<List<String>> featureNames() {
    return Optional.empty();
  }

  /**
   * The extractor for inputs that are already feature vectors.
   *
   * @return an extractor that returns its input
   */
  static FeatureExtractor<FeatureVector> identity() {
    return new FeatureExtractor<>() {
      @Override
      public FeatureVector extract(FeatureVector input) {
        return java.util.Objects.requireNonNull(input, "input");
      }

      @Override
      public String describe() {
        return "identity";
      }
    };
  }
}
