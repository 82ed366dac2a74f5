package dev.ciclo.bench.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.predict.Prediction;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.Label;

class PredictOverheadBenchmarkTest {
  @Test
  @DisplayName("both sides of the benchmark answer the same input with the same label and scores")
  void sidesAgree() {
    PredictOverheadBenchmark ciclo = new PredictOverheadBenchmark();
    PredictOverheadBenchmark tribuo = new PredictOverheadBenchmark();
    ciclo.setUp();
    tribuo.setUp();
    for (int i = 0; i < 2_048; i++) {
      Prediction<String> c = ciclo.ciclo();
      org.tribuo.Prediction<Label> t = tribuo.tribuoDirect();
      assertEquals(t.getOutput().getLabel(), c.value(), "input " + i);
      Map<String, Double> scores = new HashMap<>();
      t.getOutputScores().forEach((k, v) -> scores.put(k, v.getScore()));
      assertEquals(scores, c.scores(), "input " + i);
    }
  }
}
