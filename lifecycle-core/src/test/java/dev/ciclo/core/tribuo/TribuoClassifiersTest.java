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

  static Stream<Arguments> trainers() {
    return Stream.of(
        Arguments.of("logistic-regression", 0.8, TribuoClassifiers.logisticRegression(ID, 10)),
        Arguments.of("linear-sgd", 0.8, TribuoClassifiers.linearSgd(ID, 10, 0.01)),
        Arguments.of("xgboost", 0.9, TribuoClassifiers.xgboost(ID, 20, 4)),
        Arguments.of("cart", 0.85, TribuoClassifiers.cart(ID, 6)),
        Arguments.of("random-forest", 0.9, TribuoClassifiers.randomForest(ID, 15, 6)),
        Arguments.of("naive-bayes", 0.5, TribuoClassifiers.naiveBayes(ID, 1)),
        Arguments.of("knn", 0.9, TribuoClassifiers.knn(ID, 5)),
        Arguments.of("majority-class", 0.0, TribuoClassifiers.majorityClass(ID)));
  }

  private static double accuracy(Model<FeatureVector, String> m) {
    return DevMetrics.<FeatureVector, String>accuracy().measure(m, SPLIT.dev()).get("dev.accuracy");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  @DisplayName("learns above its floor, same seed same predictions, save/load gives equal answers")
  void learnsReproducesReloads(String name, double floor, TribuoClassifierTrainer<FeatureVector> t,
      @TempDir Path dir) {
    assertEquals(name, t.name());
    TribuoClassifierModel<FeatureVector> m = t.train(SPLIT.train(), 17);
    double acc = accuracy(m);
    assertTrue(acc >= floor, name + " dev accuracy " + acc + " below " + floor);
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
