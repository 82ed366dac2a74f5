package dev.ciclo.core.tribuo;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.train.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Trains a Tribuo regressor through the api's {@link Trainer}: every example's input goes
 * through the {@link FeatureExtractor}, its numeric target is the single output dimension
 * {@value #DIMENSION}. Four algorithms: linear regression by SGD, XGBoost (histogram tree
 * method), CART and a random forest of CARTs.
 *
 * <p>A fresh Tribuo trainer is made for every call, with the seed given, so the same data and
 * seed give the same model. Immutable and thread-safe when the extractor is.
 *
 * @param <X> the input type
 */
public final class TribuoRegressorTrainer<X> implements Trainer<X, Double> {
  /** The name of the one output dimension. */
  public static final String DIMENSION = "target";

  private static final RegressionFactory FACTORY = new RegressionFactory();

  private final String name;
  private final Map<String, String> parameters;
  private final FeatureExtractor<X> extractor;
  private final LongFunction<org.tribuo.Trainer<Regressor>> factory;

  private TribuoRegressorTrainer(
      String name,
      Map<String, String> parameters,
      FeatureExtractor<X> extractor,
      LongFunction<org.tribuo.Trainer<Regressor>> factory) {
    this.name = Checks.notBlank(name, "name");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    Map<String, String> p = new LinkedHashMap<>(parameters);
    p.put("features", extractor.describe());
    this.parameters = Map.copyOf(p);
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Any Tribuo regression trainer.
   *
   * @param name the algorithm's name for run records, not blank
   * @param parameters its hyperparameters as text, for run records
   * @param extractor turns inputs into features
   * @param factory makes a Tribuo trainer seeded with the given seed
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if the name is blank
   */
  public static <X> TribuoRegressorTrainer<X> of(
      String name,
      Map<String, String> parameters,
      FeatureExtractor<X> extractor,
      LongFunction<org.tribuo.Trainer<Regressor>> factory) {
    return new TribuoRegressorTrainer<>(name, parameters, extractor, factory);
  }

  /**
   * Linear regression (squared loss) trained by SGD with AdaGrad, mini-batches of 1, on features
   * standardised with the training set's mean and standard deviation (Tribuo's {@code
   * TransformTrainer}; the model applies the same transformation when it predicts).
   *
   * @param extractor turns inputs into features
   * @param epochs passes over the data, from 1 to 100,000
   * @param learningRate AdaGrad's initial learning rate, in (0, 100]
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if a value is out of range
   */
  public static <X> TribuoRegressorTrainer<X> linearSgd(
      FeatureExtractor<X> extractor, int epochs, double learningRate) {
    Checks.between(epochs, 1, 100_000, "epochs");
    if (!(learningRate > 0 && learningRate <= 100)) {
      throw new IllegalArgumentException("learningRate must be in (0, 100] but was "
          + learningRate);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("epochs", Integer.toString(epochs));
    params.put("optimiser", "AdaGrad(lr=" + learningRate + ", eps=0.1)");
    params.put("minibatch", "1");
    params.put("loss", "squared");
    return new TribuoRegressorTrainer<>("linear-sgd", params, extractor,
        seed -> new TransformTrainer<>(new LinearSGDTrainer(new SquaredLoss(),
            new AdaGrad(learningRate, 0.1), epochs, Integer.MAX_VALUE, 1, seed),
            new TransformationMap(List.of(new MeanStdDevTransformation()))));
  }

  /**
   * Gradient-boosted trees by XGBoost with squared error and the histogram tree method (the
   * exact method is 30-100 times slower here for the same accuracy), one thread, L2 weight 1,
   * no subsampling.
   *
   * @param extractor turns inputs into features
   * @param trees boosting rounds, from 1 to 10,000
   * @param eta the learning rate, in (0, 1]
   * @param maxDepth the depth of each tree, from 1 to 32
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if a value is out of range
   */
  public static <X> TribuoRegressorTrainer<X> xgboost(
      FeatureExtractor<X> extractor, int trees, double eta, int maxDepth) {
    Checks.between(trees, 1, 10_000, "trees");
    Checks.between(maxDepth, 1, 32, "maxDepth");
    if (!(eta > 0 && eta <= 1)) {
      throw new IllegalArgumentException("eta must be in (0, 1] but was " + eta);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("trees", Integer.toString(trees));
    params.put("eta", Double.toString(eta));
    params.put("maxDepth", Integer.toString(maxDepth));
    params.put("treeMethod", "hist");
    params.put("lambda", "1.0");
    return new TribuoRegressorTrainer<>("xgboost", params, extractor,
        seed -> new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST, XGBoostRegressionTrainer.RegressionType.LINEAR, trees,
            eta, 0, maxDepth, 1, 1, 1, 1, 0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, seed));
  }

  /**
   * One CART regression tree (mean squared error), every feature considered at every split.
   *
   * @param extractor turns inputs into features
   * @param maxDepth the depth of the tree, from 1 to 64
   * @param minLeaf the fewest training examples in a leaf, at least 1
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if a value is out of range
   */
  public static <X> TribuoRegressorTrainer<X> cart(
      FeatureExtractor<X> extractor, int maxDepth, int minLeaf) {
    Checks.between(maxDepth, 1, 64, "maxDepth");
    Checks.between(minLeaf, 1, Integer.MAX_VALUE, "minLeaf");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("maxDepth", Integer.toString(maxDepth));
    params.put("minLeaf", Integer.toString(minLeaf));
    params.put("impurity", "mse");
    return new TribuoRegressorTrainer<>("cart", params, extractor,
        seed -> new CARTRegressionTrainer(maxDepth, minLeaf, 0f, 1f, false,
            new MeanSquaredError(), seed));
  }

  /**
   * A random forest: bootstrap samples, CART trees that consider a random fraction of the
   * features at each split, predictions averaged.
   *
   * @param extractor turns inputs into features
   * @param trees the number of trees, from 1 to 10,000
   * @param maxDepth the depth of each tree, from 1 to 64
   * @param featureFraction the fraction of features tried at each split, in (0, 1]
   * @param <X> the input type
   * @return the trainer
   * @throws IllegalArgumentException if a value is out of range
   */
  public static <X> TribuoRegressorTrainer<X> randomForest(
      FeatureExtractor<X> extractor, int trees, int maxDepth, double featureFraction) {
    Checks.between(trees, 1, 10_000, "trees");
    Checks.between(maxDepth, 1, 64, "maxDepth");
    if (!(featureFraction > 0 && featureFraction <= 1)) {
      throw new IllegalArgumentException("featureFraction must be in (0, 1] but was "
          + featureFraction);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("trees", Integer.toString(trees));
    params.put("maxDepth", Integer.toString(maxDepth));
    params.put("featureFraction", Double.toString(featureFraction));
    return new TribuoRegressorTrainer<>("random-forest", params, extractor,
        seed -> new RandomForestTrainer<>(new CARTRegressionTrainer(maxDepth, 1f, 0f,
            (float) featureFraction, false, new MeanSquaredError(), seed),
            new AveragingCombiner(), trees, seed));
  }

  /**
   * Trains a model.
   *
   * @param data the training data, not empty, finite targets
   * @param seed the seed of the Tribuo trainer
   * @return the model; its metadata names the trainer, the data fingerprint and the seed
   * @throws IllegalArgumentException if the data is empty, a target is not finite, or an input
   *     is refused by the extractor (the message names the example)
   */
  @Override
  public TribuoRegressorModel<X> train(Dataset<X, Double> data, long seed) {
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot train on dataset " + data.name() + ": it is empty");
    }
    TribuoSchemas.Required required = new TribuoSchemas.Required();
    MutableDataset<Regressor> tribuoData = new MutableDataset<>(
        new SimpleDataSourceProvenance(data.name() + " " + data.fingerprint(), FACTORY), FACTORY);
    for (Example<X, Double> e : data) {
      double y = e.target();
      if (!Double.isFinite(y)) {
        throw new IllegalArgumentException("example " + e.id() + " of dataset " + data.name()
            + " has a target that is not finite: " + y);
      }
      FeatureVector v;
      try {
        v = extractor.extract(e.input());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("example " + e.id() + " of dataset " + data.name()
            + " cannot be used: " + ex.getMessage(), ex);
      }
      required.add(v);
      tribuoData.add(new ArrayExample<>(new Regressor(DIMENSION, y),
          v.names().toArray(new String[0]), v.toArray()));
    }
    org.tribuo.Model<Regressor> model = factory.apply(seed).train(tribuoData);
    return new TribuoRegressorModel<>(
        model, extractor, TribuoModel.trained(name, parameters, data, seed, required));
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
