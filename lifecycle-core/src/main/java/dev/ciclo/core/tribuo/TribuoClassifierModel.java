package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.classification.Label;

/**
 * A trained Tribuo classifier behind the api's {@link Model}: an input goes through the same
 * {@link FeatureExtractor} used in training, then to the Tribuo model. The predicted label and
 * the scores equal those of calling the Tribuo model directly on the same features.
 *
 * <p>Thread-safe (Tribuo models predict concurrently; extractors must be thread-safe).
 *
 * @param <X> the input type
 */
public final class TribuoClassifierModel<X> implements Model<X, String> {
  /** The value of {@link #format()}. */
  public static final String FORMAT = "tribuo-protobuf";

  private final org.tribuo.Model<Label> model;
  private final FeatureExtractor<X> extractor;
  private final ModelMetadata metadata;
  // The names array of the last names list seen: vectors from one extractor share their list,
  // so predicting does not rebuild the array every time (PredictOverheadBenchmark).
  private volatile NameArray lastNames = new NameArray(List.of(), new String[0]);

  private record NameArray(List<String> names, String[] array) {}

  /**
   * Wraps a Tribuo model.
   *
   * @param model the Tribuo classifier
   * @param extractor the extractor it was trained with
   * @param metadata what to report as the model's metadata
   * @throws NullPointerException if an argument is null
   */
  public TribuoClassifierModel(
      org.tribuo.Model<Label> model, FeatureExtractor<X> extractor, ModelMetadata metadata) {
    this.model = Objects.requireNonNull(model, "model");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * Predicts the label of one input.
   *
   * @param input the input
   * @return the label and, when the model gives probabilities or scores, a score per label
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the extractor refuses the input or none of its features
   *     is known to the model
   */
  @Override
  public Prediction<String> predict(X input) {
    Objects.requireNonNull(input, "input");
    FeatureVector features = extractor.extract(input);
    NameArray cached = lastNames;
    if (cached.names() != features.names()) {
      cached = new NameArray(features.names(), features.names().toArray(new String[0]));
      lastNames = cached;
    }
    org.tribuo.Prediction<Label> p;
    try {
      p = model.predict(TribuoExamples.unlabelled(features, cached.array()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "model " + metadata.name() + " cannot predict for " + features + ": " + e.getMessage(),
          e);
    }
    Map<String, Label> raw = p.getOutputScores();
    @SuppressWarnings("unchecked")
    Map.Entry<String, Double>[] entries = new Map.Entry[raw.size()];
    int i = 0;
    for (Map.Entry<String, Label> e : raw.entrySet()) {
      entries[i++] = Map.entry(e.getKey(), e.getValue().getScore());
    }
    // An immutable map: Prediction's defensive Map.copyOf then returns it as it is.
    return new Prediction<>(p.getOutput().getLabel(), Map.ofEntries(entries));
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  /**
   * Writes the Tribuo model in Tribuo's protobuf format. The extractor is code and is not
   * written; a loader is given it again.
   *
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  @Override
  public void writeTo(OutputStream out) throws IOException {
    model.serialize().writeTo(out);
  }

  /**
   * The wrapped Tribuo model, for hosts that need Tribuo's own API (explanations, provenance).
   *
   * @return the Tribuo model
   */
  public org.tribuo.Model<Label> tribuoModel() {
    return model;
  }

  /**
   * The extractor inputs pass through.
   *
   * @return the extractor
   */
  public FeatureExtractor<X> extractor() {
    return extractor;
  }

  @Override
  public String toString() {
    return "TribuoClassifierModel[" + metadata.name() + " v" + metadata.version() + "]";
  }
}
