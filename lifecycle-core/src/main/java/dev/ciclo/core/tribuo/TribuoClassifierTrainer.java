package dev.ciclo.core.tribuo;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.train.TargetCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a Tribuo classifier through the api's {@link Trainer}: every example's input goes
 * through the {@link FeatureExtractor}, its target's {@code toString()} is the label.
 *
 * <p>A fresh Tribuo trainer is made for every call, with the seed given, so the same data and
 * seed always give the same model (Tribuo's own trainers advance their random state between
 * calls).
 *
 * <p>Immutable and thread-safe when the extractor is.
 *
 * @param <X> the input type
 */
public final class TribuoClassifierTrainer<X> implements Trainer<X, String> {
  private static final LabelFactory LABELS = new LabelFactory();

  private final String name;
  private final Map<String, String> parameters;
  private final FeatureExtractor<X> extractor;
  private final LongFunction<org.tribuo.Trainer<Label>> factory;
  private final boolean allowNumericLabels;

  private TribuoClassifierTrainer(
      String name,
      Map<String, String> parameters,
      FeatureExtractor<X> extractor,
      LongFunction<org.tribuo.Trainer<Label>> factory) {
    this(name, parameters, extractor, factory, false);
  }

  private TribuoClassifierTrainer(
      String name,
      Map<String, String> parameters,
      FeatureExtractor<X> extractor,
      LongFunction<org.tribuo.Trainer<Label>> factory,
      boolean allowNumericLabels) {
    this.name = Checks.notBlank(name, "name");
    this.parameters = Map.copyOf(parameters);
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.allowNumericLabels = allowNumericLabels;
  }

  /**
   * The same trainer, accepting targets whose labels are many distinct numbers (class codes);
   * by default such a target is refused as looking continuous ({@link TargetCheck}).
   *
   * @return a new trainer
   */
  public TribuoClassifierTrainer<X> allowNumericLabels() {
    return new TribuoClassifierTrainer<>(name, parameters, extractor, factory, true);
  }

  /**
   * Any Tribuo classification trainer.
   *
   * @param name the algorithm's name for run records, not blank
   * @param parameters its hyperparameters as text, for run records
   * @param extractor turns inputs into features
   * @param factory makes a Tribuo trainer seeded with the given seed
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if the name is blank
   */
  public static <X> TribuoClassifierTrainer<X> of(
      String name,
      Map<String, String> parameters,
      FeatureExtractor<X> extractor,
      LongFunction<org.tribuo.Trainer<Label>> factory) {
    return new TribuoClassifierTrainer<>(name, parameters, extractor, factory);
  }

  /**
   * Multinomial logistic regression with Tribuo's defaults for {@code LogisticRegressionTrainer}:
   * 5 epochs of SGD with AdaGrad (learning rate 1.0, epsilon 0.1), mini-batches of 1.
   *
   * @param extractor turns inputs into features
   * @param <X> the input type
   * @return the trainer
   */
  public static <X> TribuoClassifierTrainer<X> logisticRegression(FeatureExtractor<X> extractor) {
    return logisticRegression(extractor, 5);
  }

  /**
   * Multinomial logistic regression trained by SGD with AdaGrad (learning rate 1.0, epsilon 0.1),
   * mini-batches of 1, for a number of epochs.
   *
   * @param extractor turns inputs into features
   * @param epochs passes over the data, from 1 to 10,000
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if {@code epochs} is out of range
   */
  public static <X> TribuoClassifierTrainer<X> logisticRegression(
      FeatureExtractor<X> extractor, int epochs) {
    Checks.between(epochs, 1, 10_000, "epochs");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("epochs", Integer.toString(epochs));
    params.put("optimiser", "AdaGrad(lr=1.0, eps=0.1)");
    params.put("minibatch", "1");
    params.put("features", extractor.describe());
    return new TribuoClassifierTrainer<>("logistic-regression", params, extractor,
        seed -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs,
            Integer.MAX_VALUE, 1, seed));
  }

  /**
   * Trains a model.
   *
   * @param data the training data, at least two distinct labels
   * @param seed the seed of the Tribuo trainer
   * @return the model; its metadata names the trainer, the data fingerprint and the seed
   * @throws IllegalArgumentException if the data is empty or has a single label, its labels look
   *     continuous ({@link TargetCheck}: the message suggests regression), or an input is
   *     refused by the extractor (the message names the example)
   */
  @Override
  public TribuoClassifierModel<X> train(Dataset<X, String> data, long seed) {
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("cannot train on dataset " + data.name() + ": it is empty");
    }
    if (data.targets().size() < 2) {
      throw new IllegalArgumentException(
          "cannot train a classifier on dataset " + data.name() + ": it has only the label(s) "
              + data.targets() + ", at least 2 are needed");
    }
    TargetCheck.classification(data, allowNumericLabels);
    TribuoSchemas.Required required = new TribuoSchemas.Required();
    MutableDataset<Label> tribuoData = toTribuo(data, extractor, required);
    org.tribuo.Model<Label> model = factory.apply(seed).train(tribuoData);
    return new TribuoClassifierModel<>(
        model, extractor, TribuoModel.trained(name, parameters, data, seed, required));
  }

  /**
   * Converts a dataset into Tribuo's form through an extractor.
   *
   * @param data the dataset
   * @param extractor the extractor
   * @param <X> the input type
   * @return a Tribuo dataset with the same examples in the same order
   */
  static <X> MutableDataset<Label> toTribuo(Dataset<X, String> data, FeatureExtractor<X> extractor) {
    return toTribuo(data, extractor, new TribuoSchemas.Required());
  }

  private static <X> MutableDataset<Label> toTribuo(Dataset<X, String> data,
      FeatureExtractor<X> extractor, TribuoSchemas.Required required) {
    MutableDataset<Label> out = new MutableDataset<>(
        new SimpleDataSourceProvenance(data.name() + " " + data.fingerprint(), LABELS), LABELS);
    TribuoExamples.Converter converter = new TribuoExamples.Converter();
    for (Example<X, String> e : data) {
      try {
        FeatureVector v = extractor.extract(e.input());
        required.add(v);
        out.add(converter.toExample(v, new Label(e.target())));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(
            "example " + e.id() + " of dataset " + data.name() + " cannot be used: "
                + ex.getMessage(), ex);
      }
    }
    return out;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, String> parameters() {
    return parameters;
  }
}
