package dev.ciclo.nd4j;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.core.persist.ExtractorModelLoader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@value MlpModel#FORMAT} models written by {@link MlpModel#writeTo}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <X> the input type
 */
public final class MlpModelLoader<X> extends ExtractorModelLoader<X, String> {
  private MlpModelLoader(Class<?> inputType, FeatureExtractor<X> extractor) {
    super(inputType, String.class, extractor);
  }

  /**
   * A loader whose models use an extractor.
   *
   * @param extractor the extractor the models were trained with
   * @param <X> the input type
   * @return the loader
   */
  public static <X> MlpModelLoader<X> of(FeatureExtractor<X> extractor) {
    return new MlpModelLoader<>(Object.class, extractor);
  }

  /**
   * A loader whose models take inputs of a known type, so that a registry can check a typed
   * load ({@code registry.load(version, inputType, String.class)}).
   *
   * @param inputType the input type of the models
   * @param extractor the extractor the models were trained with
   * @param <X> the input type
   * @return the loader
   */
  public static <X> MlpModelLoader<X> of(Class<X> inputType, FeatureExtractor<X> extractor) {
    return new MlpModelLoader<>(inputType, extractor);
  }

  @Override
  public String format() {
    return MlpModel.FORMAT;
  }

  /**
   * Reads a model.
   *
   * @param in the bytes
   * @param metadata the saved metadata
   * @return the model
   * @throws IOException if the bytes are not a {@value MlpModel#FORMAT} model, naming what is
   *     wrong
   */
  @Override
  public MlpModel<X> read(InputStream in, ModelMetadata metadata) throws IOException {
    return new MlpModel<>(MlpFormat.read(in), extractor(), metadata);
  }
}
