package dev.ciclo.nd4j;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureSchema;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Scores;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained multi-layer perceptron: inputs go through the feature extractor used in training,
 * are standardised with the training set's mean and standard deviation, and pass through the
 * network; the prediction is the most probable label with every label's probability as scores.
 *
 * <p>Immutable and thread-safe (its parameters are never changed after construction).
 * Training runs on ND4J; prediction runs the same network in double precision in plain Java, so
 * an answer never depends on the batch it came in, and serving needs no native call.
 *
 * @param <X> the input type
 */
public final class MlpModel<X> implements Model<X, String> {
  /** The value of {@link #format()}. */
  public static final String FORMAT = "ciclo-mlp-v1";

  private final Network net;
  private final FeatureExtractor<X> extractor;
  private final ModelMetadata metadata;
  private final Scores.Labels scoreLabels;
  private final FeatureSchema schema;

  MlpModel(Network net, FeatureExtractor<X> extractor, ModelMetadata metadata) {
    this.net = net;
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.scoreLabels = Scores.labels(net.labels);
    this.schema = FeatureSchema.of(net.featureNames, net.featureNames);
  }

  Network network() {
    return net;
  }

  /**
   * Predicts one input.
   *
   * @param input the input
   * @return the label and a probability per label
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the extractor refuses it or it lacks a feature the model
   *     was trained on (naming the missing ones); features the model never saw are ignored
   *     ({@link FeatureSchema})
   */
  @Override
  public Prediction<String> predict(X input) {
    Objects.requireNonNull(input, "input");
    return predictBatch(List.of(input)).get(0);
  }

  /**
   * Predicts several inputs; the answers equal {@link #predict}'s exactly.
   *
   * @param inputs the inputs, none null
   * @return one prediction per input, in order
   * @throws IllegalArgumentException if an input's features do not match the model's
   */
  @Override
  public List<Prediction<String>> predictBatch(List<? extends X> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      return List.of();
    }
    List<Prediction<String>> out = new ArrayList<>(inputs.size());
    for (X input : inputs) {
      double[] row = net.probabilities(
          features(extractor.extract(Objects.requireNonNull(input, "inputs element"))));
      int best = 0;
      for (int c = 1; c < row.length; c++) {
        if (row[c] > row[best]) {
          best = c;
        }
      }
      out.add(new Prediction<>(net.labels.get(best), scoreLabels.scores(row)));
    }
    return out;
  }

  /** The input's values in the network's order, by the project's one rule ({@link FeatureSchema}). */
  double[] features(FeatureVector v) {
    return schema.requiredValues(metadata.name(), v);
  }

  /**
   * The features the network reads: all required; an input's other features are ignored.
   *
   * @return the schema
   */
  public FeatureSchema featureSchema() {
    return schema;
  }

  /**
   * The labels the model knows, in output order.
   *
   * @return an unmodifiable list
   */
  public List<String> labels() {
    return net.labels;
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
   * Writes the network (feature names, labels, scaling, layer shapes and float weights) in the
   * {@value #FORMAT} format; the extractor is code and is given again to the loader.
   *
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  @Override
  public void writeTo(OutputStream out) throws IOException {
    MlpFormat.write(net, out);
  }

  /**
   * Every parameter, flattened in a fixed order, for tests that compare two models.
   *
   * @return the weights and biases of every layer
   */
  float[] parameters() {
    List<INDArray> all = new ArrayList<>();
    for (int l = 0; l < net.weights.size(); l++) {
      all.add(net.weights.get(l));
      all.add(net.biases.get(l));
    }
    int n = all.stream().mapToInt(a -> (int) a.length()).sum();
    float[] out = new float[n];
    int i = 0;
    for (INDArray a : all) {
      float[] v = a.dup('c').data().asFloat();
      System.arraycopy(v, 0, out, i, v.length);
      i += v.length;
    }
    return out;
  }

  @Override
  public String toString() {
    return "MlpModel[" + metadata.name() + ", " + net.inputs() + " inputs, " + net.labels.size()
        + " labels]";
  }
}
