package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.ReliabilityBin;
import dev.ciclo.api.analysis.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.Interval;
import dev.ciclo.api.analysis.RegressionEvaluation;
import dev.ciclo.api.predict.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Compares the evaluators with scikit-learn's values, computed offline by
 * {@code src/test/python/golden_evaluate.py} on the same data (committed as resources).
 *
 * <p>Tolerances: point metrics 1e-9 (same formula, floating-point order only). Bootstrap bounds:
 * the Java bootstrap (4000 resamples, its own random stream) against NumPy's (20,000 resamples);
 * the Monte Carlo standard error of a 2.5% percentile is about 0.002 for accuracy on 400
 * examples and its lattice step is 0.0025, so bounds must agree within 0.01 (0.006 for R²,
 * whose spread is narrower). Observed: at most 0.0025 (accuracy high bound, one lattice step).
 */
class GoldenValuesTest {
  private static Properties golden;
  private static List<String> actual;
  private static List<Prediction<String>> predictions;
  private static double[] yTrue;
  private static double[] yPred;

  @BeforeAll
  static void load() throws IOException {
    golden = new Properties();
    try (InputStream in = resource("golden.properties")) {
      golden.load(in);
    }
    actual = new ArrayList<>();
    predictions = new ArrayList<>();
    List<String[]> rows = csv("classification.csv");
    String[] header = rows.get(0);
    for (String[] r : rows.subList(1, rows.size())) {
      actual.add(r[0]);
      Map<String, Double> scores = new LinkedHashMap<>();
      for (int j = 2; j < r.length; j++) {
        scores.put(header[j].substring(2), Double.parseDouble(r[j]));
      }
      predictions.add(new Prediction<>(r[1], scores));
    }
    List<String[]> reg = csv("regression.csv");
    yTrue = new double[reg.size() - 1];
    yPred = new double[reg.size() - 1];
    for (int i = 1; i < reg.size(); i++) {
      yTrue[i - 1] = Double.parseDouble(reg.get(i)[0]);
      yPred[i - 1] = Double.parseDouble(reg.get(i)[1]);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = GoldenValuesTest.class.getResourceAsStream(name);
    assertNotNull(in, "missing test resource " + name);
    return in;
  }

  private static List<String[]> csv(String name) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line.split(","));
      }
    }
    return out;
  }

  private static double ref(String key) {
    return Double.parseDouble(golden.getProperty(key));
  }

  private static final Bootstrap BOOTSTRAP =
      Bootstrap.builder().resamples(4000).level(0.95).seed(11).build();

  @Test
  @DisplayName("accuracy, macro and weighted F1 equal scikit-learn's, and their bootstrap intervals agree")
  void classification() {
    List<String> predicted = predictions.stream().map(Prediction::value).toList();
    ClassificationEvaluation ev = ClassificationEvaluator.fromLabels(actual, predicted, BOOTSTRAP);
    assertEquals(ref("accuracy"), ev.accuracy(), 1e-9);
    assertEquals(ref("macroF1"), ev.macroF1(), 1e-9);
    assertEquals(ref("weightedF1"), ev.weightedF1(), 1e-9);
    assertInterval("accuracy", ev.intervals().get("accuracy"), 0.01);
    assertInterval("macroF1", ev.intervals().get("macroF1"), 0.01);
    Interval error = ev.intervals().get("error");
    assertEquals(1 - ev.intervals().get("accuracy").high(), error.low(), 1e-12);
  }

  @Test
  @DisplayName("log loss equals scikit-learn's and the ECE equals NumPy's over 10 bins")
  void calibration() {
    Calibration c = ClassificationEvaluator.calibration(actual, predictions, 10);
    assertEquals(ref("logLoss"), c.logLoss(), 1e-9);
    assertEquals(ref("ece10"), c.expectedCalibrationError(), 1e-9);
    assertEquals(400, c.bins().stream().mapToLong(ReliabilityBin::count).sum());
  }

  @Test
  @DisplayName("MAE, RMSE and R² equal scikit-learn's, and their bootstrap intervals agree")
  void regression() {
    RegressionEvaluation ev = RegressionEvaluator.fromValues(yTrue, yPred, BOOTSTRAP);
    assertEquals(ref("mae"), ev.mae(), 1e-9);
    assertEquals(ref("rmse"), ev.rmse(), 1e-9);
    assertEquals(ref("r2"), ev.r2(), 1e-9);
    assertInterval("mae", ev.intervals().get("mae"), 0.01);
    assertInterval("rmse", ev.intervals().get("rmse"), 0.01);
    assertInterval("r2", ev.intervals().get("r2"), 0.006);
  }

  private static void assertInterval(String name, Interval actualInterval, double tolerance) {
    assertNotNull(actualInterval, "no interval for " + name);
    assertEquals(ref(name + ".low"), actualInterval.low(), tolerance, name + " low");
    assertEquals(ref(name + ".high"), actualInterval.high(), tolerance, name + " high");
    assertEquals(0.95, actualInterval.level());
  }
}
