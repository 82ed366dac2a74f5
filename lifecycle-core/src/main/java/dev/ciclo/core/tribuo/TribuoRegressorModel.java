package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureSchema;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Scores;
import dev.ciclo.api.train.Model;
import java.util.Objects;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A trained Tribuo regressor behind the api's {@link Model}: an input goes through the same
 * {@link FeatureExtractor} used in training, is checked by the project's one rule on features
 * ({@link FeatureSchema}: a missing required feature is an error, an unknown one is ignored),
 * then goes to the Tribuo model. The prediction is the model's single output value, with no
 * scores.
 *
 * <p>Thread-safe (Tribuo models predict concurrently; extractors must be thread-safe).
 *
 * @param <X> the input type
 */
public final class TribuoRegressorModel<X> extends TribuoModel<X, Regressor, Double> {
  /** The value of {@link #format()}. */
  public static final String FORMAT = "tribuo-protobuf-regression";


  /**
   * Wraps a Tribuo regressor of one output dimension.
   *
   * @param model the Tribuo regressor
   * @param extractor the extractor it was trained with
   * @param metadata what to report as the model's metadata
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the model has more than one output dimension
   */
  public TribuoRegressorModel(
      org.tribuo.Model<Regressor> model, FeatureExtractor<X> extractor, ModelMetadata metadata) {
    super(oneOutput(model, extractor, metadata), extractor, metadata, FORMAT);
  }

  /** The model, once the arguments are not null and it has one output dimension. */
  private static <X> org.tribuo.Model<Regressor> oneOutput(
      org.tribuo.Model<Regressor> model, FeatureExtractor<X> extractor, ModelMetadata metadata) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(extractor, "extractor");
    Objects.requireNonNull(metadata, "metadata");
    int dims = model.getOutputIDInfo().size();
    if (dims != 1) {
      throw new IllegalArgumentException("the Tribuo regressor must have 1 output dimension but"
          + " had " + dims);
    }
    return model;
  }

  /**
   * Predicts the value of one input.
   *
   * @param input the input
   * @return the predicted value, no scores
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if the extractor refuses the input or it lacks a feature
   *     that every training example had (naming the missing ones)
   */
  @Override
  public Prediction<Double> predict(X input) {
    FeatureVector features = features(input);
    String[] names = features.names().toArray(new String[0]);
    ArrayExample<Regressor> example =
        new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, features.toArray());
    org.tribuo.Prediction<Regressor> p = model.predict(example);
    return new Prediction<>(p.getOutput().getValues()[0], Scores.empty());
  }
}
