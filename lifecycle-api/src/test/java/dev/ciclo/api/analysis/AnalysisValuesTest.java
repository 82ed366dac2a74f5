package dev.ciclo.api.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnalysisValuesTest {
  @Test
  @DisplayName("a confusion matrix counts totals and the diagonal, and is copied")
  void confusion() {
    long[][] c = {{5, 1}, {2, 4}};
    ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b"), c);
    c[0][0] = 100;
    assertEquals(12, m.total());
    assertEquals(9, m.correct());
    assertEquals(2, m.count("b", "a"));
    assertThrows(IllegalArgumentException.class, () -> m.count("z", "a"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(List.of("a", "b"), new long[][] {{1, -1}, {0, 0}}));
    assertEquals("count[0][1] must not be negative but was -1", e.getMessage());
  }

  @Test
  @DisplayName("an evaluation whose confusion matrix does not add up is refused")
  void evaluationChecksTotal() {
    ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b"), new long[][] {{5, 1}, {2, 4}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClassificationEvaluation(13, 0.75, List.of(), 0.7, 0.7, m, Map.of()));
    assertEquals("confusion matrix total must equal count 13 but was 12", e.getMessage());
    ClassificationEvaluation ok = new ClassificationEvaluation(12, 0.75, List.of(), 0.7, 0.7, m, Map.of());
    assertEquals(0.25, ok.error(), 1e-12);
  }

  @Test
  @DisplayName("bias and variance are the two gaps")
  void biasVariance() {
    BiasVariance bv = new BiasVariance(0.01, 0.08, 0.10, 0.02, 0.02, Diagnosis.HIGH_BIAS, List.of("bigger model"));
    assertEquals(0.07, bv.avoidableBias(), 1e-12);
    assertEquals(0.02, bv.variance(), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> new BiasVariance(-0.1, 0, 0, 0, 0, Diagnosis.FINE, List.of()));
  }

  @Test
  @DisplayName("a learning curve needs increasing sizes")
  void learningCurve() {
    LearningCurvePoint a = new LearningCurvePoint(10, 3, 0.1, 0.01, 0.3, 0.02);
    LearningCurvePoint b = new LearningCurvePoint(20, 3, 0.1, 0.01, 0.25, 0.02);
    assertEquals(2, new LearningCurve(List.of(a, b)).points().size());
    assertThrows(IllegalArgumentException.class, () -> new LearningCurve(List.of(b, a)));
    assertThrows(IllegalArgumentException.class, () -> new LearningCurve(List.of()));
  }
}
