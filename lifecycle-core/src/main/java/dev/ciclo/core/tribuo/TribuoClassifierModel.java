package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureSchema;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Scores;
import dev.ciclo.api.train.Model;
import java.util.List;
import java.util.Map;
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
public final class TribuoClassifierModel<X> extends TribuoModel<X, Label, String> {
  /** The value of {@link #format()}. */
  public static final String FORMAT = "tribuo-protobuf";

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
    super(model, extractor, metadata, FORMAT);
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
    FeatureVector features = features(input);
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
}
