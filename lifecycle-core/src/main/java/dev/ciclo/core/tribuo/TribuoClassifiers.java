package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.mnb.MultinomialNaiveBayesTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.math.optimisers.SGD;

/**
 * The Tribuo classifiers Ciclo offers, each behind the api's {@link dev.ciclo.api.train.Trainer}
 * as a {@link TribuoClassifierTrainer}. These are one-shot trainers: a single call to
 * {@code train} fits the model; they report no epochs (use {@link dev.ciclo.core.train} for
 * iterative training with listeners and early stopping).
 *
 * <p>Every factory checks its arguments at once and names the parameter, the value and the
 * allowed range. Every trainer is seeded per call, so the same data and seed give the same model.
 * The parameters a factory records (see {@link TribuoClassifierTrainer#parameters()}) are all
 * the hyperparameters that decide the model.
 */
public final class TribuoClassifiers {
  private TribuoClassifiers() {}

  /**
   * Multinomial logistic regression; the same as
   * {@link TribuoClassifierTrainer#logisticRegression(FeatureExtractor, int)}.
   *
   * @param extractor turns inputs into features
   * @param epochs passes of SGD over the data, from 1 to 10,000
   * @param <X> the input type
   * @return the trainer, named {@code "logistic-regression"}
   * @throws IllegalArgumentException if {@code epochs} is out of range
   */
  public static <X> TribuoClassifierTrainer<X> logisticRegression(
      FeatureExtractor<X> extractor, int epochs) {
    return TribuoClassifierTrainer.logisticRegression(extractor, epochs);
  }

  /**
   * A linear classifier (multiclass hinge loss, a linear SVM) trained by plain SGD with a
   * constant learning rate, mini-batches of 1.
   *
   * @param extractor turns inputs into features
   * @param epochs passes over the data, from 1 to 10,000
   * @param learningRate the SGD step size, in {@code (0, 10]}
   * @param <X> the input type
   * @return the trainer, named {@code "linear-sgd"}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static <X> TribuoClassifierTrainer<X> linearSgd(
      FeatureExtractor<X> extractor, int epochs, double learningRate) {
    Checks.between(epochs, 1, 10_000, "epochs");
    if (!(learningRate > 0 && learningRate <= 10)) {
      throw new IllegalArgumentException(
          "learningRate must be in (0, 10] but was " + learningRate);
    }
    Map<String, String> p = params(extractor);
    p.put("loss", "hinge");
    p.put("epochs", Integer.toString(epochs));
    p.put("optimiser", "SGD(lr=" + learningRate + ", constant)");
    p.put("minibatch", "1");
    return TribuoClassifierTrainer.of("linear-sgd", p, extractor,
        seed -> new LinearSGDTrainer(new Hinge(), SGD.getSimpleSGD(learningRate), epochs,
            Integer.MAX_VALUE, 1, seed));
  }

  /**
   * Gradient-boosted trees by XGBoost with the histogram tree method ({@code TreeMethod.HIST}):
   * XGBoost's default falls back to the exact method, 30 to 100 times slower for the same
   * accuracy. Learning rate 0.3, no gamma, subsample 1, lambda 1, alpha 0, one thread.
   *
   * @param extractor turns inputs into features
   * @param rounds boosting rounds (trees per class), from 1 to 10,000
   * @param maxDepth the depth of each tree, from 1 to 64
   * @param <X> the input type
   * @return the trainer, named {@code "xgboost"}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static <X> TribuoClassifierTrainer<X> xgboost(
      FeatureExtractor<X> extractor, int rounds, int maxDepth) {
    Checks.between(rounds, 1, 10_000, "rounds");
    Checks.between(maxDepth, 1, 64, "maxDepth");
    Map<String, String> p = params(extractor);
    p.put("rounds", Integer.toString(rounds));
    p.put("maxDepth", Integer.toString(maxDepth));
    p.put("treeMethod", "HIST");
    p.put("eta", "0.3");
    return TribuoClassifierTrainer.of("xgboost", p, extractor,
        seed -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST, rounds, 0.3, 0, maxDepth, 1, 1, 1, 1, 0, 1,
            XGBoostTrainer.LoggingVerbosity.SILENT, seed));
  }

  /**
   * One CART decision tree with the Gini impurity, every feature considered at each split.
   *
   * @param extractor turns inputs into features
   * @param maxDepth the deepest the tree may grow, from 1 to 1,000
   * @param <X> the input type
   * @return the trainer, named {@code "cart"}
   * @throws IllegalArgumentException if {@code maxDepth} is out of range
   */
  public static <X> TribuoClassifierTrainer<X> cart(FeatureExtractor<X> extractor, int maxDepth) {
    Checks.between(maxDepth, 1, 1_000, "maxDepth");
    Map<String, String> p = params(extractor);
    p.put("maxDepth", Integer.toString(maxDepth));
    p.put("impurity", "gini");
    return TribuoClassifierTrainer.of("cart", p, extractor,
        seed -> new CARTClassificationTrainer(maxDepth, 5f, 0f, 1f, false, new GiniIndex(), seed));
  }

  /**
   * A random forest of CART trees, each on a bootstrap sample, considering a random half of the
   * features at each split, combined by voting.
   *
   * @param extractor turns inputs into features
   * @param trees the number of trees, from 1 to 10,000
   * @param maxDepth the deepest a tree may grow, from 1 to 1,000
   * @param <X> the input type
   * @return the trainer, named {@code "random-forest"}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static <X> TribuoClassifierTrainer<X> randomForest(
      FeatureExtractor<X> extractor, int trees, int maxDepth) {
    Checks.between(trees, 1, 10_000, "trees");
    Checks.between(maxDepth, 1, 1_000, "maxDepth");
    Map<String, String> p = params(extractor);
    p.put("trees", Integer.toString(trees));
    p.put("maxDepth", Integer.toString(maxDepth));
    p.put("featuresPerSplit", "0.5");
    return TribuoClassifierTrainer.of("random-forest", p, extractor,
        seed -> new RandomForestTrainer<>(
            new CARTClassificationTrainer(maxDepth, 5f, 0f, 0.5f, false, new GiniIndex(), seed),
            new VotingCombiner(), trees, seed));
  }

  /**
   * Multinomial naive Bayes with additive smoothing. Its features must be counts or other
   * non-negative values; a negative feature fails training with an
   * {@link IllegalArgumentException} naming the example.
   *
   * @param extractor turns inputs into features
   * @param alpha the smoothing added to every count, in {@code [0, 1000]}; 1 is Laplace smoothing
   * @param <X> the input type
   * @return the trainer, named {@code "naive-bayes"}
   * @throws IllegalArgumentException if {@code alpha} is out of range
   */
  public static <X> TribuoClassifierTrainer<X> naiveBayes(
      FeatureExtractor<X> extractor, double alpha) {
    if (!(alpha >= 0 && alpha <= 1000)) {
      throw new IllegalArgumentException("alpha must be in [0, 1000] but was " + alpha);
    }
    Map<String, String> p = params(extractor);
    p.put("alpha", Double.toString(alpha));
    FeatureExtractor<X> checked = nonNegative(extractor);
    return TribuoClassifierTrainer.of("naive-bayes", p, checked,
        seed -> new MultinomialNaiveBayesTrainer(alpha));
  }

  /**
   * k nearest neighbours by Euclidean distance, brute-force search, majority vote. Training only
   * stores the data; the seed has no effect.
   *
   * @param extractor turns inputs into features
   * @param k neighbours that vote, from 1 to 1,000
   * @param <X> the input type
   * @return the trainer, named {@code "knn"}
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public static <X> TribuoClassifierTrainer<X> knn(FeatureExtractor<X> extractor, int k) {
    Checks.between(k, 1, 1_000, "k");
    Map<String, String> p = params(extractor);
    p.put("k", Integer.toString(k));
    p.put("distance", "L2");
    return TribuoClassifierTrainer.of("knn", p, extractor,
        seed -> new KNNTrainer<Label>(k, new L2Distance(), 1, new VotingCombiner(),
            KNNModel.Backend.STREAMS, NeighboursQueryFactoryType.BRUTE_FORCE));
  }

  /**
   * The majority-class baseline: always predicts the most frequent training label. Any model
   * worth keeping beats it.
   *
   * @param extractor turns inputs into features (checked, then ignored by the model)
   * @param <X> the input type
   * @return the trainer, named {@code "majority-class"}
   */
  public static <X> TribuoClassifierTrainer<X> majorityClass(FeatureExtractor<X> extractor) {
    return TribuoClassifierTrainer.of("majority-class", params(extractor), extractor,
        seed -> DummyClassifierTrainer.createMostFrequentTrainer());
  }

  private static Map<String, String> params(FeatureExtractor<?> extractor) {
    Objects.requireNonNull(extractor, "extractor");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("features", extractor.describe());
    return p;
  }

  private static <X> FeatureExtractor<X> nonNegative(FeatureExtractor<X> extractor) {
    return new FeatureExtractor<>() {
      @Override
      public dev.ciclo.api.features.FeatureVector extract(X input) {
        dev.ciclo.api.features.FeatureVector v = extractor.extract(input);
        for (int i = 0; i < v.size(); i++) {
          if (v.get(i) < 0) {
            throw new IllegalArgumentException("naive Bayes needs non-negative features but '"
                + v.name(i) + "' was " + v.get(i));
          }
        }
        return v;
      }

      @Override
      public String describe() {
        return extractor.describe();
      }
    };
  }
}
