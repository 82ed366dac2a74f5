package dev.ciclo.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.Diagnosis;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BiasVarianceTest {
  private final BiasVarianceDiagnoser diagnoser = BiasVarianceDiagnoser.withDefaults();

  @Test
  @DisplayName("high bias and variance: the bias first, then the variance, and no step undoes"
      + " another")
  void bothInOrderWithoutContradiction() {
    List<String> advice = diagnoser.diagnose(0.01, 0.15, 0.30).advice();
    int lastBias = -1;
    int firstVariance = advice.size();
    for (int i = 0; i < advice.size(); i++) {
      if (advice.get(i).startsWith("first the bias: ")) {
        lastBias = i;
      } else if (advice.get(i).startsWith("then the variance: ")) {
        firstVariance = Math.min(firstVariance, i);
      } else {
        throw new AssertionError("advice not marked as bias or variance: " + advice.get(i));
      }
    }
    assertTrue(lastBias >= 0 && lastBias < firstVariance, advice.toString());
    String all = String.join("\n", advice);
    assertFalse(all.contains("reduce regularisation") && all.contains("add regularisation"), all);
    assertFalse(all.contains("bigger model") && all.contains("simpler model"), all);
    assertFalse(all.contains("fewer features"), all);
  }

  @Test
  @DisplayName("a negative variance estimate (dev below train) is explained before the advice")
  void negativeVarianceExplained() {
    BiasVariance b = diagnoser.diagnose(0.01, 0.0722, 0.05);
    assertEquals(-0.0222, b.variance(), 1e-12);
    assertEquals("the variance estimate -0.0222 is negative: the dev error 0.050 is below the"
        + " training error 0.072, which happens when the dev set is easier or too small to"
        + " measure the gap; read it as no variance, and check that dev and training data come"
        + " from the same distribution", b.advice().get(0));
    assertEquals(BiasVarianceDiagnoser.BIAS_ADVICE, b.advice().subList(1, b.advice().size()));
    BiasVariance under = diagnoser.diagnose(0.05, 0.02, 0.03);
    assertTrue(under.advice().get(0).startsWith("the avoidable bias -0.0300 is negative"),
        under.advice().get(0));
  }

  @Test
  @DisplayName("the lecture's cases: bias, variance, both, fine, each with the advice table")
  void lectureCases() {
    BiasVariance bias = diagnoser.diagnose(0.01, 0.08, 0.10);
    assertEquals(Diagnosis.HIGH_BIAS, bias.diagnosis());
    assertEquals(0.07, bias.avoidableBias(), 1e-12);
    assertEquals(BiasVarianceDiagnoser.BIAS_ADVICE, bias.advice());
    BiasVariance variance = diagnoser.diagnose(0.01, 0.015, 0.10);
    assertEquals(Diagnosis.HIGH_VARIANCE, variance.diagnosis());
    assertEquals(BiasVarianceDiagnoser.VARIANCE_ADVICE, variance.advice());
    BiasVariance both = diagnoser.diagnose(0.01, 0.15, 0.30);
    assertEquals(Diagnosis.HIGH_BIAS_AND_VARIANCE, both.diagnosis());
    assertEquals(BiasVarianceDiagnoser.BIAS_AND_VARIANCE_ADVICE, both.advice());
    assertEquals(Diagnosis.FINE, diagnoser.diagnose(0.01, 0.02, 0.03).diagnosis());
    // the thresholds are strict and stated in the result
    BiasVariance edge = BiasVarianceDiagnoser.withThresholds(0.05, 0.05).diagnose(0, 0.05, 0.1);
    assertEquals(Diagnosis.FINE, edge.diagnosis());
    assertEquals(0.05, edge.biasThreshold());
  }

  @Test
  @DisplayName("errors and thresholds outside [0, 1] are refused, naming the parameter")
  void badInput() {
    assertEquals("trainError must be between 0 and 1 but was -0.1",
        assertThrows(IllegalArgumentException.class, () -> diagnoser.diagnose(0, -0.1, 0.2))
            .getMessage());
    assertEquals("varianceThreshold must be between 0 and 1 but was NaN",
        assertThrows(IllegalArgumentException.class,
            () -> BiasVarianceDiagnoser.withThresholds(0.1, Double.NaN)).getMessage());
  }

  private static double error(Model<FeatureVector, String> m, Dataset<FeatureVector, String> d) {
    return Errors.<FeatureVector, String>misclassification().applyAsDouble(m, d);
  }

  @Test
  @DisplayName("constructed: majority class and a linear model on XOR underfit: HIGH_BIAS")
  void underfittingIsHighBias() {
    Dataset<FeatureVector, String> train = TestModels.xor(1000, 0, 1);
    Dataset<FeatureVector, String> dev = TestModels.xor(1000, 0, 2);
    List<Trainer<FeatureVector, String>> underfitters = List.of(new TestModels.Majority(),
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 20));
    for (Trainer<FeatureVector, String> t : underfitters) {
      Model<FeatureVector, String> m = t.train(train, 3);
      BiasVariance bv = diagnoser.diagnose(0.0, error(m, train), error(m, dev));
      assertEquals(Diagnosis.HIGH_BIAS, bv.diagnosis(), t.name() + ": " + bv);
      assertTrue(bv.trainError() > 0.3, t.name() + " train error " + bv.trainError());
    }
  }

  @Test
  @DisplayName("constructed: 1-NN memorises 20% label noise: HIGH_VARIANCE, from errors and from its learning curve")
  void memorisingIsHighVariance() {
    Dataset<FeatureVector, String> train = TestModels.xor(300, 0.2, 1);
    Dataset<FeatureVector, String> dev = TestModels.xor(300, 0.2, 2);
    TestModels.Knn oneNn = new TestModels.Knn(1);
    Model<FeatureVector, String> m = oneNn.train(train, 0);
    // the label noise is the best possible error: the baseline
    BiasVariance bv = diagnoser.diagnose(0.2, error(m, train), error(m, dev));
    assertEquals(0.0, bv.trainError());
    assertEquals(Diagnosis.HIGH_VARIANCE, bv.diagnosis(), bv.toString());

    LearningCurve curve = LearningCurves.builder(oneNn).sizes(50, 150, 300).repeats(2).seed(4)
        .build().run(train, dev);
    BiasVariance fromCurve = diagnoser.diagnose(0.2, curve);
    assertEquals(Diagnosis.HIGH_VARIANCE, fromCurve.diagnosis());
    // train error 0 is below the baseline 0.2: the negative bias is explained first, then the
    // learning curve's trend, then the variance advice
    assertTrue(fromCurve.advice().get(0).startsWith("the avoidable bias -0.2000 is negative"),
        fromCurve.advice().get(0));
    assertEquals(BiasVarianceDiagnoser.VARIANCE_ADVICE.get(0), fromCurve.advice().get(2));
  }

  private static LearningCurve curve(double trainError, double devBefore, double devAfter,
      double devStd) {
    return new LearningCurve(List.of(
        new LearningCurvePoint(100, 3, trainError, 0.0, devBefore, devStd),
        new LearningCurvePoint(200, 3, trainError, 0.0, devAfter, devStd)));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  @DisplayName("the learning-curve reading comes where the variance advice starts: the whole"
      + " advice of each diagnosis, in order")
  void learningCurveTrendInOrder() {
    List<String> bothTable = BiasVarianceDiagnoser.BIAS_AND_VARIANCE_ADVICE;
    // both high, dev error flattened: the bias lines, then the reading, then the variance lines
    BiasVariance both = diagnoser.diagnose(0.0, curve(0.26, 0.30, 0.295, 0.02));
    assertEquals(Diagnosis.HIGH_BIAS_AND_VARIANCE, both.diagnosis());
    assertEquals(0.26, both.trainError());
    assertEquals(concat(concat(bothTable.subList(0, 2), List.of("then the variance: the dev"
        + " error has flattened (it fell by only 0.005 from 100 to 200 examples, within the spread"
        + " over repeats): more data of the same kind alone will help little")),
        bothTable.subList(2, 4)), both.advice());
    // both high, dev error still falling
    BiasVariance bothFalling = diagnoser.diagnose(0.0, curve(0.10, 0.40, 0.30, 0.01));
    assertEquals(Diagnosis.HIGH_BIAS_AND_VARIANCE, bothFalling.diagnosis());
    assertEquals(concat(concat(bothTable.subList(0, 2), List.of("then the variance: the dev"
        + " error is still falling with more data (by 0.100 from 100 to 200 examples): more data"
        + " is likely to help once the bias is down")), bothTable.subList(2, 4)),
        bothFalling.advice());
    // high bias only, dev error still falling: the bias advice first, and the reading says that
    // data does not lower the training error
    BiasVariance bias = diagnoser.diagnose(0.0, curve(0.10, 0.13, 0.11, 0.002));
    assertEquals(Diagnosis.HIGH_BIAS, bias.diagnosis());
    assertEquals(concat(BiasVarianceDiagnoser.BIAS_ADVICE, List.of("the dev error is still"
        + " falling with more data (by 0.020 from 100 to 200 examples), but more data does not"
        + " lower the training error: it helps only once the bias is down")), bias.advice());
    // high variance, still falling: the reading first, then the variance advice
    BiasVariance variance = diagnoser.diagnose(0.0, curve(0.0, 0.30, 0.20, 0.01));
    assertEquals(Diagnosis.HIGH_VARIANCE, variance.diagnosis());
    assertEquals(concat(List.of("the dev error is still falling with more data (by 0.100 from"
        + " 100 to 200 examples): more data is likely to help"),
        BiasVarianceDiagnoser.VARIANCE_ADVICE), variance.advice());
    // fine, the dev error rose: the reading, then the table
    BiasVariance fine = diagnoser.diagnose(0.0, curve(0.0, 0.01, 0.015, 0.01));
    assertEquals(Diagnosis.FINE, fine.diagnosis());
    assertEquals(concat(List.of("the dev error has flattened (it rose by 0.005 from 100 to 200"
        + " examples): more data of the same kind alone will help little"),
        BiasVarianceDiagnoser.FINE_ADVICE), fine.advice());
  }

  @Test
  @DisplayName("no diagnosis, with or without a learning curve, advises a step and its opposite")
  void noContradictionInAnyDiagnosis() {
    List<BiasVariance> all = List.of(diagnoser.diagnose(0.01, 0.08, 0.10),
        diagnoser.diagnose(0.01, 0.015, 0.10), diagnoser.diagnose(0.01, 0.15, 0.30),
        diagnoser.diagnose(0.01, 0.02, 0.03), diagnoser.diagnose(0.05, 0.02, 0.01),
        diagnoser.diagnose(0.0, curve(0.10, 0.13, 0.11, 0.002)),
        diagnoser.diagnose(0.0, curve(0.10, 0.40, 0.30, 0.01)),
        diagnoser.diagnose(0.0, curve(0.26, 0.30, 0.295, 0.02)),
        diagnoser.diagnose(0.0, curve(0.0, 0.30, 0.20, 0.01)));
    java.util.Set<Diagnosis> seen = java.util.EnumSet.noneOf(Diagnosis.class);
    for (BiasVariance b : all) {
      seen.add(b.diagnosis());
      String text = String.join("\n", b.advice());
      assertFalse(text.contains("reduce regularisation") && text.contains("add regularisation"),
          text);
      assertFalse(text.contains("bigger model") && text.contains("simpler model"), text);
      // with high bias, no line says that more data helps without saying "once the bias is down"
      if (b.diagnosis() == Diagnosis.HIGH_BIAS
          || b.diagnosis() == Diagnosis.HIGH_BIAS_AND_VARIANCE) {
        for (String line : b.advice()) {
          assertFalse(line.contains("likely to help") && !line.contains("once the bias is down"),
              line);
        }
      }
    }
    assertEquals(java.util.EnumSet.allOf(Diagnosis.class), seen);
  }

  @Test
  @DisplayName("a negative bias and a negative variance are both explained, the bias first")
  void bothNegativeExplainedBiasFirst() {
    BiasVariance b = diagnoser.diagnose(0.05, 0.03, 0.02);
    assertEquals(Diagnosis.FINE, b.diagnosis());
    assertEquals(2 + BiasVarianceDiagnoser.FINE_ADVICE.size(), b.advice().size());
    assertTrue(b.advice().get(0).startsWith("the avoidable bias -0.0200 is negative"),
        b.advice().toString());
    assertTrue(b.advice().get(1).startsWith("the variance estimate -0.0100 is negative"),
        b.advice().toString());
    assertEquals(BiasVarianceDiagnoser.FINE_ADVICE, b.advice().subList(2, 4));
  }
}
