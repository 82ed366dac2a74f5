package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureSchema;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Scores;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

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
  private final FeatureSchema schema;
  // The layout of the last names list seen: vectors from one extractor share their list, so
  // predicting does not sort the names every time (PredictOverheadBenchmark).
  private volatile TribuoExamples.Layout lastLayout; // null until the first prediction

  // The labels of the last prediction's scores, reused while predictions give the same ones.
  private volatile Scores.Labels lastLabels = Scores.labels(List.of());

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
    this.schema = TribuoSchemas.of(model, metadata);
  }

  /**
   * Predicts the label of one input.
   *
   * @param input the input
   * @return the label and, when the model gives probabilities or scores, a score per label
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the extractor refuses the input or it lacks a feature
   *     that every training example had (naming the missing ones); features the model never saw
   *     are ignored ({@link FeatureSchema}, the project's one rule)
   */
  @Override
  public Prediction<String> predict(X input) {
    Objects.requireNonNull(input, "input");
    FeatureVector features = extractor.extract(input);
    schema.check(metadata.name(), features);
    TribuoExamples.Layout cached = lastLayout;
    TribuoExamples.Layout layout = TribuoExamples.Layout.of(features, cached);
    if (layout != cached) {
      lastLayout = layout;
    }
    org.tribuo.Prediction<Label> p;
    try {
      p = model.predict(layout.example(features, LabelFactory.UNKNOWN_LABEL));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "model " + metadata.name() + " cannot predict for " + features + ": " + e.getMessage(),
          e);
    }
    return new Prediction<>(p.getOutput().getLabel(), scores(p.getOutputScores()));
  }

  /**
   * The scores as the api's {@link Scores}, without boxing: the labels of the first prediction
   * are kept, and later predictions whose labels come in the same order (Tribuo gives them in
   * its output domain's order) only copy their scores.
   */
  private Scores scores(Map<String, Label> raw) {
    Scores.Labels labels = lastLabels;
    double[] values = new double[raw.size()];
    boolean same = labels.size() == values.length;
    int i = 0;
    for (Map.Entry<String, Label> e : raw.entrySet()) {
      same = same && labels.get(i).equals(e.getKey());
      values[i++] = e.getValue().getScore();
    }
    if (!same) {
      labels = Scores.labels(List.copyOf(raw.keySet()));
      lastLabels = labels;
    }
    return labels.scores(values);
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
   * The features the model reads: those every training example had are required, other inputs'
   * features are ignored.
   *
   * @return the schema
   */
  public FeatureSchema featureSchema() {
    return schema;
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
