package dev.ciclo.core.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.data.DataSplitter;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.testing.Blobs;
import dev.ciclo.core.train.DevMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("every Tribuo trainer behind the api's Trainer learns, is reproducible and reloads")
class TribuoClassifiersTest {
  private static final FeatureExtractor<FeatureVector> ID = FeatureExtractor.identity();
  /** Shifted so every feature is non-negative (naive Bayes needs counts). */
  private static final Dataset<FeatureVector, String> DATA = Blobs.make(60, 5).mapInputs(
      "shift +10", v -> {
        double[] a = v.toArray();
        for (int i = 0; i < a.length; i++) {
          a[i] = Math.max(0, a[i] + 10);
        }
        return FeatureVector.of(v.names(), a);
      });
  private static final Splits<FeatureVector, String> SPLIT =
      DataSplitter.builder().fractions(0.7, 0.3, 0).stratify(true).seed(2).build().split(DATA);

  /**
   * The split as CSV ({@code split,id,x0..x3,label}, doubles as Double.toString writes them,
   * which parse back exactly), the input of {@code golden_classification.py}; committed as
   * {@code blobs_split.csv}.
   */
  static String splitCsv() {
    StringBuilder b = new StringBuilder("split,id,x0,x1,x2,x3,label\n");
    for (String part : List.of("train", "dev")) {
      for (Example<FeatureVector, String> e : part.equals("train") ? SPLIT.train() : SPLIT.dev()) {
        b.append(part).append(',').append(e.id());
        for (double x : e.input().toArray()) {
          b.append(',').append(x);
        }
        b.append(',').append(e.target()).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * Each trainer with scikit-learn's accuracy on the same split (correct answers of the 54 dev
   * rows), printed by {@code src/test/python/golden_classification.py} from {@code
   * blobs_split.csv}, and the largest difference allowed, in dev rows. Ciclo trains with seed 17.
   *
   * <ul>
   *   <li>naive Bayes, k-NN (k 5, brute-force L2) and the majority baseline: the same
   *       deterministic computation as MultinomialNB, KNeighborsClassifier and DummyClassifier;
   *       exactly equal (measured 50, 54, 18 on both sides; the train classes tie at 42 each, so
   *       either baseline's choice scores the same 18 on the stratified dev split).
   *   <li>CART (depth 6): the same greedy Gini tree, but Tribuo's minChildWeight 5 is not
   *       min_samples_leaf 5 (see TribuoRegressorGoldenTest); 1 row (measured 50 and 50, the
   *       same for Ciclo's seeds 1 to 4).
   *   <li>logistic regression: Ciclo runs 10 AdaGrad SGD epochs in a seeded order, sklearn's
   *       lbfgs solves the same unregularised log-loss to the optimum; 3 rows (measured 47 vs
   *       48; Ciclo's seeds 1 to 4 give 50, 52, 41, 47: ten epochs do not converge, the seed is
   *       fixed here, and a change of solver that moves it by more is a change to see).
   *   <li>random forest and XGBoost against RandomForestClassifier and
   *       HistGradientBoostingClassifier (xgboost is not installed for Python here): other random
   *       streams and other histogram bins; 2 rows (measured 53 vs 54 and 54 vs 53; the forest
   *       gives 52 or 53 over Ciclo's seeds 1 to 4).
   *   <li>linear SGD (hinge, constant step 0.01, 10 epochs): Tribuo's hinge is one multiclass
   *       loss, SGDClassifier's is one-vs-rest, so the reference is a floor, not a target: Ciclo
   *       must not fall below it (measured 46 vs 38; Ciclo's seeds 1 to 4: 46, 49, 37, 50).
   * </ul>
   */
  static Stream<Arguments> trainers() {
    return Stream.of(
        Arguments.of("logistic-regression", 48, 3, TribuoClassifiers.logisticRegression(ID, 10)),
        Arguments.of("linear-sgd", 38, -1, TribuoClassifiers.linearSgd(ID, 10, 0.01)),
        Arguments.of("xgboost", 53, 2, TribuoClassifiers.xgboost(ID, 20, 4)),
        Arguments.of("cart", 50, 1, TribuoClassifiers.cart(ID, 6)),
        Arguments.of("random-forest", 54, 2, TribuoClassifiers.randomForest(ID, 15, 6)),
        Arguments.of("naive-bayes", 50, 0, TribuoClassifiers.naiveBayes(ID, 1)),
        Arguments.of("knn", 54, 0, TribuoClassifiers.knn(ID, 5)),
        Arguments.of("majority-class", 18, 0, TribuoClassifiers.majorityClass(ID)));
  }

  private static double accuracy(Model<FeatureVector, String> m) {
    return DevMetrics.<FeatureVector, String>accuracy().measure(m, SPLIT.dev()).get("dev.accuracy");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  @DisplayName("scores as scikit-learn does on the same split, same seed same predictions, "
      + "save/load gives equal answers")
  void learnsReproducesReloads(String name, int sklearnCorrect, int tolerance,
      TribuoClassifierTrainer<FeatureVector> t, @TempDir Path dir) {
    assertEquals(name, t.name());
    TribuoClassifierModel<FeatureVector> m = t.train(SPLIT.train(), 17);
    assertEquals(54, SPLIT.dev().size());
    int correct = (int) Math.round(accuracy(m) * SPLIT.dev().size());
    String said = name + ": Ciclo " + correct + "/54 correct, scikit-learn " + sklearnCorrect;
    if (tolerance < 0) {
      assertTrue(correct >= sklearnCorrect, said + "; must not be below the reference");
    } else {
      assertTrue(Math.abs(correct - sklearnCorrect) <= tolerance,
          said + "; allowed difference " + tolerance);
    }
    List<FeatureVector> inputs = SPLIT.dev().stream().map(Example::input).toList();
    List<Prediction<String>> a = m.predictBatch(inputs);
    assertEquals(a, t.train(SPLIT.train(), 17).predictBatch(inputs), "same seed, same answers");
    ModelFiles.save(m, dir.resolve(name + ".model"));
    Model<FeatureVector, String> back =
        ModelFiles.load(dir.resolve(name + ".model"), TribuoModelLoader.of(ID));
    assertEquals(a, back.predictBatch(inputs));
    assertEquals(m.metadata(), back.metadata());
  }

  @Test
  @DisplayName("blobs_split.csv, the reference script's input, is exactly this test's split")
  void referenceInputIsThisSplit() throws IOException {
    try (InputStream in = TribuoClassifiersTest.class.getResourceAsStream("blobs_split.csv")) {
      assertEquals(splitCsv(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "the split changed: rerun src/test/python/golden_classification.py after rewriting "
              + "blobs_split.csv from splitCsv()");
    }
  }

  @Test
  @DisplayName("the majority baseline predicts the most frequent label; real models beat it")
  void baseline() {
    Dataset<FeatureVector, String> skewed = DATA.filter("class0 + some class1",
        e -> !e.target().equals("class2") && (e.target().equals("class0")
            || e.id().compareTo("c1-3") < 0));
    Model<FeatureVector, String> m = TribuoClassifiers.majorityClass(ID).train(skewed, 1);
    assertTrue(skewed.stream().allMatch(e -> m.predict(e.input()).value().equals("class0")));
    double base = accuracy(TribuoClassifiers.majorityClass(ID).train(SPLIT.train(), 1));
    assertTrue(accuracy(TribuoClassifiers.logisticRegression(ID, 5).train(SPLIT.train(), 1))
        > base + 0.5);
  }

  @Test
  @DisplayName("XGBoost records the HIST tree method; bad hyperparameters name the parameter")
  void parameters() {
    assertEquals("HIST", TribuoClassifiers.xgboost(ID, 10, 3).parameters().get("treeMethod"));
    List<Function<Void, ?>> bad = List.of(
        x -> TribuoClassifiers.xgboost(ID, 0, 3), x -> TribuoClassifiers.cart(ID, 0),
        x -> TribuoClassifiers.randomForest(ID, 0, 3), x -> TribuoClassifiers.knn(ID, 0),
        x -> TribuoClassifiers.naiveBayes(ID, -1), x -> TribuoClassifiers.linearSgd(ID, 5, 0));
    for (Function<Void, ?> f : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.apply(null));
      assertTrue(e.getMessage().contains("but was"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TribuoClassifiers.naiveBayes(ID, 1).train(Blobs.make(10, 1), 1));
    assertTrue(e.getMessage().contains("naive Bayes needs non-negative features"), e.getMessage());
  }
}
