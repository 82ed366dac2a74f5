package dev.ciclo.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.analysis.ClassMetrics;
import dev.ciclo.api.analysis.ClassificationEvaluation;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClassificationEvaluatorTest {
  @Test
  @DisplayName("metrics match values worked by hand")
  void handWorked() {
    // confusion (rows actual a,b,c; columns predicted): a [1,1,0], b [0,2,0], c [1,0,0]
    ClassificationEvaluation ev = ClassificationEvaluator.fromLabels(
        List.of("a", "a", "b", "b", "c"), List.of("a", "b", "b", "b", "a"));
    assertEquals(0.6, ev.accuracy(), 1e-12);
    ClassMetrics a = ev.perClass().get(0);
    ClassMetrics b = ev.perClass().get(1);
    ClassMetrics c = ev.perClass().get(2);
    assertEquals(0.5, a.precision(), 1e-12);
    assertEquals(0.5, a.recall(), 1e-12);
    assertEquals(2.0 / 3, b.precision(), 1e-12);
    assertEquals(1.0, b.recall(), 1e-12);
    assertEquals(0.8, b.f1(), 1e-12);
    assertEquals(0.0, c.f1(), 1e-12);
    assertEquals((0.5 + 0.8 + 0) / 3, ev.macroF1(), 1e-12);
    assertEquals((0.5 * 2 + 0.8 * 2) / 5, ev.weightedF1(), 1e-12);
    assertEquals(1, ev.confusion().count("c", "a"));
  }

  @Test
  @DisplayName("mismatched or empty label lists are refused")
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationEvaluator.fromLabels(List.of("a"), List.of()));
    assertEquals("actual and predicted must have the same size but were 1 and 0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationEvaluator.fromLabels(List.of(), List.of()));
  }
}
