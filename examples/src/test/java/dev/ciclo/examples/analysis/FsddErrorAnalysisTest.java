package dev.ciclo.examples.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.analysis.TagShare;
import dev.ciclo.core.analysis.BiasVarianceDiagnoser;
import dev.ciclo.testkit.Required;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddErrorAnalysisTest {
  @TempDir Path out;

  private static Path data() {
    Required.data("fsdd/recordings");
    Required.data("noise/street-cars.wav");
    return Required.dataDir();
  }

  @Test
  @DisplayName("on FSDD with street noise in half the dev set: the noisy slice ranks first, tags round-trip, the diagnosis and charts are produced")
  void noisySliceFirst() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    FsddErrorAnalysis.Result r = FsddErrorAnalysis.run(data(), out, 42L,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    SliceMetrics first = r.analysis().slices().get(0);
    assertEquals("tag=" + FsddErrorAnalysis.NOISE_TAG, first.slice(), r.analysis().slices()
        .toString());
    assertEquals(r.noisyDevClips(), first.size());
    assertTrue(first.interval().low() > r.analysis().overall().error(),
        "the noisy slice is clearly worse: " + first);
    assertTrue(r.discovered().get(0).slice().contains("tag=" + FsddErrorAnalysis.NOISE_TAG),
        r.discovered().toString());
    assertTrue(r.analysis().overall().intervals().containsKey("accuracy"));

    assertEquals(30, r.tags().reviewed());
    TagShare top = r.tags().tags().get(0);
    assertEquals("car noise", top.tag(), r.tags().toString());
    assertTrue(top.fractionOfErrors() > 0.5, r.tags().toString());
    assertEquals(30, r.tags().tags().stream().mapToInt(TagShare::count).sum());

    assertEquals(500, r.calibration().count());
    assertTrue(r.calibration().logLoss() > 0);

    assertEquals(4, r.curve().points().size());
    assertNotNull(r.diagnosis().diagnosis());
    assertAdviceInOrder(r.diagnosis());

    for (Path png : r.charts()) {
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, png + " is not an image");
      assertTrue(img.getWidth() >= 640 && img.getHeight() >= 500, png.toString());
    }
    String html = Files.readString(r.report());
    assertTrue(html.contains("data:image/png;base64,") && html.contains("tag=car-noise"));
  }

  /**
   * The whole advice in order: the explanations of negative estimates, then the diagnosis's
   * table with the learning curve's reading where the variance advice starts (after the bias
   * advice), as {@link BiasVarianceDiagnoser} documents.
   */
  static void assertAdviceInOrder(BiasVariance b) {
    List<String> advice = b.advice();
    List<String> table = BiasVarianceDiagnoser.advice(b.diagnosis());
    int readings = advice.size() - table.size() - 1;
    assertTrue(readings >= 0 && readings <= 2, advice.toString());
    for (String reading : advice.subList(0, readings)) {
      assertTrue(reading.startsWith("the avoidable bias ")
          || reading.startsWith("the variance estimate "), reading);
    }
    int at = switch (b.diagnosis()) {
      case HIGH_BIAS -> table.size();
      case HIGH_BIAS_AND_VARIANCE -> table.indexOf(table.stream()
          .filter(l -> l.startsWith("then the variance: ")).findFirst().orElseThrow());
      case HIGH_VARIANCE, FINE -> 0;
    };
    List<String> rest = advice.subList(readings, advice.size());
    String trend = rest.get(at);
    assertTrue(trend.matches("(then the variance: )?the dev error (is still falling|has"
        + " flattened) .*"), b.diagnosis() + ": " + advice);
    List<String> expected = new ArrayList<>(table);
    expected.add(at, trend);
    assertEquals(expected, rest, b.diagnosis().toString());
  }
}
