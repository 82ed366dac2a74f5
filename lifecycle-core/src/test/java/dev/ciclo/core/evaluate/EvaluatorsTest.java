package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.RegressionEvaluation;
import dev.ciclo.api.predict.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EvaluatorsTest {
  private static List<String> labels(String s) {
    return List.of(s.split(""));
  }

  @Test
  @DisplayName("the same seed gives the same intervals; another seed other ones; each holds its estimate")
  void bootstrapIsSeeded() {
    List<String> a = labels("aabbbcaabcabcabcaabbccabcabcbbaacc");
    List<String> p = labels("abbbbcaacaabcbbcaabccaabcaacbbaccc");
    Bootstrap b7 = Bootstrap.builder().resamples(200).seed(7).build();
    ClassificationEvaluation x = ClassificationEvaluator.fromLabels(a, p, b7);
    ClassificationEvaluation y = ClassificationEvaluator.fromLabels(a, p, b7);
    ClassificationEvaluation z = ClassificationEvaluator.fromLabels(a, p,
        Bootstrap.builder().resamples(200).seed(8).build());
    assertEquals(x.intervals(), y.intervals());
    assertNotEquals(x.intervals(), z.intervals());
    assertTrue(x.intervals().get("accuracy").contains(x.accuracy()));
    assertTrue(x.intervals().get("macroF1").contains(x.macroF1()));
    assertEquals(java.util.Set.copyOf(ClassificationEvaluator.INTERVAL_METRICS), x.intervals().keySet());
  }

  @Test
  @DisplayName("percentiles interpolate between order statistics as NumPy does")
  void percentile() {
    double[] v = {1, 2, 3, 4, 5};
    assertEquals(1.1, Bootstrap.percentile(v, 0.025), 1e-12);
    assertEquals(3.0, Bootstrap.percentile(v, 0.5), 1e-12);
    assertEquals(5.0, Bootstrap.percentile(v, 1.0), 1e-12);
  }

  @Test
  @DisplayName("bootstrap settings out of range are refused with the value in the message")
  void bootstrapBadInput() {
    assertEquals("resamples must be between 10 and 1000000 but was 5",
        assertThrows(IllegalArgumentException.class,
            () -> Bootstrap.builder().resamples(5)).getMessage());
    assertEquals("level must be between 0 and 1 (exclusive) but was 1.0",
        assertThrows(IllegalArgumentException.class,
            () -> Bootstrap.builder().level(1.0)).getMessage());
  }

  @Test
  @DisplayName("a perfectly calibrated scorer has an ECE near 0; an over-confident one does not")
  void calibrationSeparatesScorers() {
    SplittableRandom r = new SplittableRandom(3);
    List<String> actualFair = new ArrayList<>();
    List<Prediction<String>> fair = new ArrayList<>();
    List<Prediction<String>> sure = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double q = 0.5 + 0.5 * r.nextDouble();
      String truth = r.nextDouble() < q ? "yes" : "no";
      actualFair.add(truth);
      fair.add(new Prediction<>("yes", Map.of("yes", q, "no", 1 - q)));
      sure.add(new Prediction<>("yes", Map.of("yes", 0.999, "no", 0.001)));
    }
    Calibration good = ClassificationEvaluator.calibration(actualFair, fair, 10);
    Calibration bad = ClassificationEvaluator.calibration(actualFair, sure, 10);
    assertTrue(good.expectedCalibrationError() < 0.02, "ECE " + good.expectedCalibrationError());
    assertTrue(bad.expectedCalibrationError() > 0.2, "ECE " + bad.expectedCalibrationError());
    assertTrue(bad.logLoss() > good.logLoss());
    assertEquals(1, bad.bins().size());
    assertTrue(bad.bins().get(0).gap() < 0);
  }

  @Test
  @DisplayName("log loss of one hand-worked case: -(ln 0.8 + ln 0.25) / 2")
  void logLossByHand() {
    Calibration c = ClassificationEvaluator.calibration(List.of("a", "b"), List.of(
        new Prediction<>("a", Map.of("a", 0.8, "b", 0.2)),
        new Prediction<>("a", Map.of("a", 0.75, "b", 0.25))), 2);
    assertEquals(-(Math.log(0.8) + Math.log(0.25)) / 2, c.logLoss(), 1e-12);
    // both in the upper bin: confidence (0.8 + 0.75) / 2, accuracy 1/2
    assertEquals(Math.abs(0.5 - 0.775), c.expectedCalibrationError(), 1e-12);
  }

  @Test
  @DisplayName("calibration refuses predictions without scores, negative scores and bad bins, naming the index")
  void calibrationBadInput() {
    assertEquals("prediction 1 has no scores; calibration needs a probabilistic classifier",
        assertThrows(IllegalArgumentException.class, () -> ClassificationEvaluator.calibration(
            List.of("a", "b"),
            List.of(new Prediction<>("a", Map.of("a", 1.0)), Prediction.of("a")), 10))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ClassificationEvaluator.calibration(List.of("a"),
            List.of(new Prediction<>("a", Map.of("a", -0.5))), 10)).getMessage()
        .startsWith("prediction 0 has a negative score -0.5"));
    assertEquals("bins must be between 1 and 1000 but was 0",
        assertThrows(IllegalArgumentException.class, () -> ClassificationEvaluator.calibration(
            List.of("a"), List.of(new Prediction<>("a", Map.of("a", 1.0))), 0)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationEvaluator.calibration(List.of(), List.of(), 10));
  }

  @Test
  @DisplayName("regression metrics by hand; R² of a constant target follows scikit-learn")
  void regressionByHand() {
    RegressionEvaluation ev =
        RegressionEvaluator.fromValues(new double[] {1, 2, 3}, new double[] {1, 2, 5}, null);
    assertEquals(2.0 / 3, ev.mae(), 1e-12);
    assertEquals(Math.sqrt(4.0 / 3), ev.rmse(), 1e-12);
    assertEquals(1 - 4.0 / 2, ev.r2(), 1e-12);
    assertTrue(ev.intervals().isEmpty());
    assertEquals(1.0, RegressionEvaluator.fromValues(
        new double[] {2, 2}, new double[] {2, 2}, null).r2());
    assertEquals(0.0, RegressionEvaluator.fromValues(
        new double[] {2, 2}, new double[] {1, 2}, null).r2());
  }

  @Test
  @DisplayName("regression refuses non-finite values naming the index, and mismatched lengths")
  void regressionBadInput() {
    assertEquals("values must be finite but at index 1 actual was NaN and predicted 2.0",
        assertThrows(IllegalArgumentException.class, () -> RegressionEvaluator.fromValues(
            new double[] {1, Double.NaN}, new double[] {1, 2}, null)).getMessage());
    assertEquals("actual and predicted must have the same length but were 1 and 2",
        assertThrows(IllegalArgumentException.class, () -> RegressionEvaluator.fromValues(
            new double[] {1}, new double[] {1, 2}, null)).getMessage());
  }
}
