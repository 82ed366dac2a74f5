package dev.ciclo.core.tribuo;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureSchema;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tribuo.Output;
import org.tribuo.Tribuo;

/**
 * What a trained Tribuo model behind the api's {@link Model} holds and does whatever its output
 * ({@link TribuoClassifierModel}, {@link TribuoRegressorModel}): the Tribuo model, the extractor
 * it was trained with, its metadata and feature schema, turning an input into checked features,
 * and writing the model in Tribuo's protobuf format. Each subclass says how features become a
 * prediction.
 *
 * @param <X> the input type
 * @param <T> Tribuo's output type
 * @param <Y> the prediction type
 */
abstract class TribuoModel<X, T extends Output<T>, Y> implements Model<X, Y> {
  final org.tribuo.Model<T> model;
  final ModelMetadata metadata;
  private final FeatureExtractor<X> extractor;
  private final FeatureSchema schema;
  private final String format;

  TribuoModel(org.tribuo.Model<T> model, FeatureExtractor<X> extractor, ModelMetadata metadata,
      String format) {
    this.model = Objects.requireNonNull(model, "model");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.schema = TribuoSchemas.of(model, metadata);
    this.format = format;
  }

  /**
   * The metadata of a model just trained, as both trainers write it: the trainer's parameters,
   * then its name, the seed, the training data's fingerprint and size, Tribuo's version and the
   * features every training example had.
   *
   * @param trainer the trainer's name
   * @param parameters the trainer's parameters
   * @param data the training data
   * @param seed the seed
   * @param required the features seen while converting the data
   * @return the metadata, version "unregistered"
   */
  static ModelMetadata trained(String trainer, Map<String, String> parameters,
      Dataset<?, ?> data, long seed, TribuoSchemas.Required required) {
    Map<String, String> props = new LinkedHashMap<>(parameters);
    props.put("trainer", trainer);
    props.put("seed", Long.toString(seed));
    props.put("trainFingerprint", data.fingerprint());
    props.put("trainSize", Integer.toString(data.size()));
    props.put("tribuoVersion", Tribuo.VERSION);
    props.put(TribuoSchemas.REQUIRED, required.property());
    return new ModelMetadata(trainer, "unregistered", "tribuo", props);
  }

  /**
   * The input's features, checked against the schema.
   *
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the extractor refuses the input or it lacks a required
   *     feature
   */
  final FeatureVector features(X input) {
    Objects.requireNonNull(input, "input");
    FeatureVector features = extractor.extract(input);
    schema.check(metadata.name(), features);
    return features;
  }

  @Override
  public final ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public final String format() {
    return format;
  }

  /**
   * Writes the Tribuo model in Tribuo's protobuf format. The extractor is code and is not
   * written; a loader is given it again.
   *
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  @Override
  public final void writeTo(OutputStream out) throws IOException {
    model.serialize().writeTo(out);
  }

  /**
   * The wrapped Tribuo model, for hosts that need Tribuo's own API (explanations, provenance).
   *
   * @return the Tribuo model
   */
  public final org.tribuo.Model<T> tribuoModel() {
    return model;
  }

  /**
   * The features the model reads: those every training example had are required, other inputs'
   * features are ignored.
   *
   * @return the schema
   */
  public final FeatureSchema featureSchema() {
    return schema;
  }

  /**
   * The extractor inputs pass through.
   *
   * @return the extractor
   */
  public final FeatureExtractor<X> extractor() {
    return extractor;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + metadata.name() + " v" + metadata.version() + "]";
  }
}
