package dev.ciclo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.analysis.BiasVarianceDiagnoser;
import dev.ciclo.core.analysis.ErrorAnalyzer;
import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.ValidationCurvePoint;
import dev.ciclo.core.evaluate.Bootstrap;
import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders every kind of result. The PNGs are also written to {@code target/charts/} so a person
 * can look at them.
 */
class ReportsTest {
  private static final Path OUT = Path.of("target", "charts");
  private static ClassificationEvaluation evaluation;
  private static ErrorAnalysis analysis;
  private static Calibration calibration;

  @BeforeAll
  static void data() throws IOException {
    Files.createDirectories(OUT);
    SplittableRandom r = new SplittableRandom(1);
    List<Example<String, String>> ex = new ArrayList<>();
    List<Prediction<String>> pred = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    String[] labels = {"zero", "one", "two", "three"};
    for (int i = 0; i < 800; i++) {
      String y = labels[i % 4];
      boolean noisy = i % 5 == 0;
      boolean wrong = r.nextDouble() < (noisy ? 0.5 : 0.1);
      String p = wrong ? labels[(i + 1 + r.nextInt(3)) % 4] : y;
      double conf = 0.4 + 0.6 * r.nextDouble();
      ex.add(new Example<>("clip<" + i + ">", "x", y, "speaker" + (i % 3),
          noisy ? Set.of("car-noise") : Set.of(), Map.of("snr", noisy ? "5" : "clean")));
      pred.add(new Prediction<>(p, Map.of(p, conf, "other", 1 - conf)));
      actual.add(y);
    }
    Dataset<String, String> d = Dataset.of("dev", ex);
    evaluation = ClassificationEvaluator.fromPredictions(d, pred,
        Bootstrap.builder().resamples(200).seed(1).build());
    analysis = ErrorAnalyzer.builder().worstErrors(5).build().analyze(d, pred);
    calibration = ClassificationEvaluator.calibration(actual, pred, 10);
  }

  private static LearningCurve curve() {
    return new LearningCurve(List.of(
        new LearningCurvePoint(50, 3, 0.02, 0.01, 0.42, 0.05),
        new LearningCurvePoint(100, 3, 0.05, 0.01, 0.33, 0.03),
        new LearningCurvePoint(200, 3, 0.08, 0.01, 0.27, 0.02),
        new LearningCurvePoint(400, 3, 0.10, 0.005, 0.22, 0.01)));
  }

  private static ValidationCurve validation() {
    return new ValidationCurve("epochs", List.of(
        new ValidationCurvePoint("1", 2, 0.35, 0.01, 0.40, 0.02),
        new ValidationCurvePoint("5", 2, 0.20, 0.01, 0.28, 0.02),
        new ValidationCurvePoint("25", 2, 0.10, 0.01, 0.25, 0.02),
        new ValidationCurvePoint("125", 2, 0.03, 0.01, 0.30, 0.03)));
  }

  private static BufferedImage check(Chart<?, ?> chart, String name, int w, int h)
      throws IOException {
    Path file = OUT.resolve(name + ".png");
    Reports.writePng(chart, file);
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img, name + " is not a readable image");
    assertEquals(w, img.getWidth(), name + " width");
    assertEquals(h, img.getHeight(), name + " height");
    byte[] bytes = Files.readAllBytes(file);
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
    // not blank: more than a handful of distinct colours
    Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < h; y += 7) {
      for (int x = 0; x < w; x += 7) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 5, name + " looks blank: " + colours.size() + " colours");
    return img;
  }

  @Test
  @DisplayName("every chart is a valid PNG of the expected size, and not blank")
  void pngs() throws IOException {
    check(Charts.learningCurve(curve()), "learning-curve", Charts.WIDTH, Charts.HEIGHT);
    check(Charts.validationCurve(validation()), "validation-curve", Charts.WIDTH, Charts.HEIGHT);
    check(Charts.confusionMatrix(evaluation.confusion()), "confusion-matrix",
        Charts.HEAT_MAP_SIZE, Charts.HEAT_MAP_SIZE);
    check(Charts.sliceErrors(analysis.slices(), analysis.overall().error(), 20), "slice-errors",
        Charts.WIDTH, Charts.HEIGHT);
    check(Charts.reliability(calibration), "reliability", Charts.WIDTH, Charts.HEIGHT);
    BufferedImage direct = Reports.image(Charts.learningCurve(curve()));
    assertEquals(Charts.WIDTH, direct.getWidth());
    assertEquals(Charts.HEIGHT, Reports.image(curve()).getHeight());
    assertEquals(Charts.HEIGHT, Reports.image(validation()).getHeight());
    assertEquals(Charts.HEAT_MAP_SIZE, Reports.image(evaluation.confusion()).getWidth());
    assertEquals(Charts.WIDTH, Reports.image(analysis).getWidth());
    assertEquals(Charts.WIDTH, Reports.image(calibration).getWidth());
    BufferedImage fromBytes = ImageIO.read(
        new ByteArrayInputStream(Reports.png(Charts.learningCurve(curve()))));
    assertEquals(Charts.HEIGHT, fromBytes.getHeight());
  }

  @Test
  @DisplayName("text says the facts: metrics with intervals, top slice, worst error, diagnosis and advice")
  void text() {
    String ev = Reports.text(evaluation);
    assertTrue(ev.contains(String.format(java.util.Locale.ROOT, "accuracy    %.4f [",
        evaluation.accuracy())), ev);
    assertTrue(ev.contains("zero"), ev);
    String an = Reports.text(analysis);
    SliceMetrics top = analysis.slices().get(0);
    assertTrue(Set.of("snr=5", "tag=car-noise").contains(top.slice()), top.slice());
    assertTrue(an.contains(top.slice()), an);
    assertTrue(an.contains(analysis.worstErrors().get(0).exampleId()), an);
    BiasVariance bv = BiasVarianceDiagnoser.withDefaults().diagnose(0.05, curve());
    String b = Reports.text(bv);
    assertTrue(b.contains("HIGH_BIAS_AND_VARIANCE"), b);
    assertTrue(b.contains("high above 0.0200"), b);
    assertTrue(b.contains(bv.advice().get(0)), b);
    assertTrue(Reports.text(validation()).contains("best: epochs=25"));
    assertTrue(Reports.text(calibration).contains("ECE"));
    assertTrue(Reports.text(curve()).contains("400"));
    String reg = Reports.text(dev.ciclo.core.evaluate.RegressionEvaluator.fromValues(
        new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 5}, null));
    assertTrue(reg.contains("RMSE 0.5000") && reg.contains("MAE  0.2500"), reg);
  }

  @Test
  @DisplayName("HTML is escaped and carries the chart inline")
  void html() {
    String h = Reports.html(analysis);
    assertTrue(h.startsWith("<div class=\"ciclo-report\">"));
    assertTrue(h.contains("data:image/png;base64,"));
    assertTrue(h.contains("clip&lt;"), "ids with < are escaped");
    assertFalse(h.contains("clip<"));
    assertTrue(Reports.html(evaluation).contains("alt=\"confusion matrix\""));
    assertTrue(Reports.html(curve()).contains("alt=\"learning curve\""));
    assertTrue(Reports.html(validation()).contains("alt=\"validation curve\""));
    assertFalse(Reports.html(BiasVarianceDiagnoser.withDefaults().diagnose(0, 0.1, 0.1))
        .contains("<img"));
  }

  @Test
  @DisplayName("a slice chart of nothing, or of too many, is refused")
  void badInput() {
    assertEquals("slices must not be empty", assertThrows(IllegalArgumentException.class,
        () -> Charts.sliceErrors(List.of(), 0.1, 10)).getMessage());
    assertEquals("max must be between 1 and 60 but was 0", assertThrows(
        IllegalArgumentException.class,
        () -> Charts.sliceErrors(analysis.slices(), 0.1, 0)).getMessage());
    assertThrows(NullPointerException.class, () -> Reports.text((ErrorAnalysis) null));
  }
}
