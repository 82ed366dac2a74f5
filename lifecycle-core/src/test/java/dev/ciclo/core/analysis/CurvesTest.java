package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.ValidationCurvePoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureVector;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CurvesTest {
  private final Dataset<FeatureVector, String> train = TestModels.xor(200, 0.0, 11);
  private final Dataset<FeatureVector, String> dev = TestModels.xor(200, 0.0, 12);
  private final Dataset<FeatureVector, String> noisyTrain = TestModels.xor(200, 0.25, 13);
  private final Dataset<FeatureVector, String> noisyDev = TestModels.xor(200, 0.25, 14);

  @Test
  @DisplayName("a learning curve is seeded, has one point per size, and the dev error of 1-NN falls with data")
  void learningCurve() {
    LearningCurves<FeatureVector, String> lc = LearningCurves.builder(new TestModels.Knn(1))
        .fractions(0.1, 0.5, 1.0).repeats(3).seed(9).build();
    LearningCurve a = lc.run(train, dev);
    assertEquals(a, lc.run(train, dev));
    assertEquals(List.of(20, 100, 200),
        a.points().stream().map(LearningCurvePoint::trainingSize).toList());
    assertTrue(a.points().stream().allMatch(p -> p.trainErrorMean() == 0 && p.repeats() == 3));
    assertTrue(a.points().get(0).devErrorMean() > a.points().get(2).devErrorMean() + 0.05,
        a.toString());
    assertEquals(0.0, a.points().get(2).devErrorStd(), 1e-12, "the full set is the same each repeat");
    assertTrue(a.points().get(0).devErrorStd() > 0, "small subsets differ between repeats");
  }

  @Test
  @DisplayName("subsets keep the classes' proportions")
  void stratified() {
    List<String> targets = Errors.stratifiedOrder(train, 3).subList(0, 20).stream()
        .map(e -> e.target()).toList();
    long pos = targets.stream().filter("pos"::equals).count();
    long allPos = train.stream().filter(e -> e.target().equals("pos")).count();
    assertEquals(allPos / 200.0 * 20, pos, 1.0);
  }

  @Test
  @DisplayName("learning-curve sizes beyond the data and bad settings are refused")
  void learningCurveBadInput() {
    assertEquals("training size 500 exceeds the 200 training examples",
        assertThrows(IllegalArgumentException.class, () -> LearningCurves
            .builder(new TestModels.Knn(1)).sizes(10, 500).build().run(train, dev)).getMessage());
    assertEquals("repeats must be between 1 and 100 but was 0", assertThrows(
        IllegalArgumentException.class,
        () -> LearningCurves.builder(new TestModels.Knn(1)).repeats(0)).getMessage());
    assertEquals("fractions must be in (0, 1] but one was 1.5", assertThrows(
        IllegalArgumentException.class,
        () -> LearningCurves.builder(new TestModels.Knn(1)).fractions(0.5, 1.5)).getMessage());
  }

  @Test
  @DisplayName("a validation curve over k: k = 1 memorises the noise, a larger k generalises better")
  void validationCurve() {
    ValidationCurve c = ValidationCurves.builder("k", List.of(1, 5, 25), TestModels.Knn::new)
        .repeats(1).seed(3).build().run(noisyTrain, noisyDev);
    assertEquals("k", c.parameter());
    assertEquals(List.of("1", "5", "25"),
        c.points().stream().map(ValidationCurvePoint::value).toList());
    assertEquals(0.0, c.points().get(0).trainErrorMean());
    assertTrue(c.points().get(2).trainErrorMean() > 0.1);
    assertTrue(!c.best().value().equals("1"), c.toString());
    assertEquals("values of k must not be empty", assertThrows(IllegalArgumentException.class,
        () -> ValidationCurves.builder("k", List.<Integer>of(), TestModels.Knn::new))
        .getMessage());
  }
}
