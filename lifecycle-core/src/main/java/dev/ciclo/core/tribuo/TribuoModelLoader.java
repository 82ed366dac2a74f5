package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.core.persist.ExtractorModelLoader;
import java.io.IOException;
import java.io.InputStream;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

/**
 * Reads Tribuo classifiers saved in Tribuo's protobuf format ({@value TribuoClassifierModel#FORMAT})
 * back into {@link TribuoClassifierModel}s.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <X> the input type
 */
public final class TribuoModelLoader<X> extends ExtractorModelLoader<X, String> {
  private TribuoModelLoader(Class<?> inputType, FeatureExtractor<X> extractor) {
    super(inputType, String.class, extractor);
  }

  /**
   * A loader whose models use an extractor.
   *
   * @param extractor the extractor the models were trained with
   * @param <X> the input type
   * @return the loader
   * @throws NullPointerException if {@code extractor} is null
   */
  public static <X> TribuoModelLoader<X> of(FeatureExtractor<X> extractor) {
    return new TribuoModelLoader<>(Object.class, extractor);
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
  public static <X> TribuoModelLoader<X> of(Class<X> inputType, FeatureExtractor<X> extractor) {
    return new TribuoModelLoader<>(inputType, extractor);
  }

  @Override
  public String format() {
    return TribuoClassifierModel.FORMAT;
  }

  /**
   * Reads a Tribuo classifier.
   *
   * @param in the protobuf bytes
   * @param metadata the saved metadata
   * @return the model
   * @throws IOException if the bytes are not a Tribuo model or not a classifier
   */
  @Override
  public TribuoClassifierModel<X> read(InputStream in, ModelMetadata metadata) throws IOException {
    org.tribuo.Model<?> raw;
    try {
      raw = org.tribuo.Model.deserialize(ModelProto.parseFrom(in));
    } catch (RuntimeException e) {
      throw new IOException("not a Tribuo protobuf model: " + e.getMessage(), e);
    }
    if (!raw.validate(Label.class)) {
      throw new IOException("the Tribuo model is not a classifier: " + raw.getClass().getName());
    }
    @SuppressWarnings("unchecked")
    org.tribuo.Model<Label> model = (org.tribuo.Model<Label>) raw;
    return new TribuoClassifierModel<>(model, extractor(), metadata);
  }
}
