package dev.ciclo.api.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadableResultsTest {
  private static ClassificationEvaluation evaluation() {
    return new ClassificationEvaluation(8, 0.75,
        List.of(new ClassMetrics("cat", 0.75, 0.75, 0.75, 4),
            new ClassMetrics("dog", 0.75, 0.75, 0.75, 4)),
        0.75, 0.75, ConfusionMatrix.of(List.of("cat", "dog"), new long[][] {{3, 1}, {1, 3}}),
        Map.of("accuracy", new Interval(0.5, 0.95, 0.95)));
  }

  @Test
  @DisplayName("an evaluation prints as a table: metrics with intervals, classes, confusion")
  void evaluationTable() {
    assertEquals(String.join("\n",
        "8 examples",
        "accuracy    0.7500  [0.5000, 0.9500] at 95%",
        "error       0.2500",
        "macroF1     0.7500",
        "weightedF1  0.7500",
        "class  precision  recall      f1  support",
        "cat       0.7500  0.7500  0.7500        4",
        "dog       0.7500  0.7500  0.7500        4",
        "confusion (rows actual, columns predicted):",
        "   a\\p   cat   dog",
        "   cat     3     1",
        "   dog     1     3",
        ""), evaluation().toString());
  }

  @Test
  @DisplayName("an error analysis prints its slices and worst errors as tables")
  void errorAnalysisTable() {
    ErrorAnalysis a = new ErrorAnalysis(evaluation(),
        List.of(new SliceMetrics("tag=car-noise", 4, 0.5, new Interval(0.1, 0.9, 0.95), 0.25)),
        List.of(new ErrorCase("7_theo_3", "cat", "dog", 0.91, Set.of("car-noise"), Map.of())));
    assertEquals(String.join("\n",
        "overall error 0.2500",
        "slice               n   error  interval               lift",
        "tag=car-noise       4  0.5000  [0.1000, 0.9000]    +0.2500",
        "worst errors (most confident first):",
        "example   actual    predicted  confidence  tags",
        "7_theo_3  cat       dog            0.9100  car-noise",
        ""), a.toString());
  }
}
