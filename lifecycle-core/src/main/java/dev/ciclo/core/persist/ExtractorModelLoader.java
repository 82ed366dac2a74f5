package dev.ciclo.core.persist;

import dev.ciclo.api.features.FeatureExtractor;
import java.util.Objects;

/**
 * The common part of a loader whose models compute their features with a {@link
 * FeatureExtractor}: it holds the extractor the models were trained with and the input and
 * prediction types it declares, so that a registry can check a typed load. Subclasses name
 * their format and read the bytes.
 *
 * <p>Immutable and thread-safe if the extractor is.
 *
 * @param <X> the input type of the models it reads
 * @param <Y> the prediction type
 */
public abstract class ExtractorModelLoader<X, Y> implements ModelLoader<X, Y> {
  private final Class<?> inputType;
  private final Class<?> outputType;
  private final FeatureExtractor<X> extractor;

  /**
   * Makes the loader.
   *
   * @param inputType the input type of the models, {@code Object.class} when it is not known
   *     (a typed load is then refused)
   * @param outputType the prediction type of the models
   * @param extractor the extractor the models were trained with
   * @throws NullPointerException if any argument is null
   */
  protected ExtractorModelLoader(Class<?> inputType, Class<Y> outputType,
      FeatureExtractor<X> extractor) {
    this.inputType = Objects.requireNonNull(inputType, "inputType");
    this.outputType = Objects.requireNonNull(outputType, "outputType");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
  }

  /**
   * The extractor the models read by this loader compute their features with.
   *
   * @return the extractor
   */
  protected final FeatureExtractor<X> extractor() {
    return extractor;
  }

  @Override
  public final Class<?> inputType() {
    return inputType;
  }

  @Override
  public final Class<?> outputType() {
    return outputType;
  }
}
