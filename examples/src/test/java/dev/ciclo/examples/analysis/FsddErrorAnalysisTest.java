package dev.ciclo.examples.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.analysis.TagShare;
import dev.ciclo.testkit.Required;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assertTrue(r.diagnosis().advice().get(0).startsWith("the dev error"),
        r.diagnosis().advice().toString());

    for (Path png : r.charts()) {
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, png + " is not an image");
      assertTrue(img.getWidth() >= 640 && img.getHeight() >= 500, png.toString());
    }
    String html = Files.readString(r.report());
    assertTrue(html.contains("data:image/png;base64,") && html.contains("tag=car-noise"));
  }
}
