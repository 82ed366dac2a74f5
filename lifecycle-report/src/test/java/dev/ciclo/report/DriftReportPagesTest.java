package dev.ciclo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.FeatureDistribution;
import dev.ciclo.api.monitor.FeatureDrift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A drift report renders as text and as an HTML page with a chart per feature")
class DriftReportPagesTest {
  @TempDir Path dir;

  private static DriftReport report() {
    FeatureDistribution ra = new FeatureDistribution(List.of("[0, 1]", "(1, 2]"),
        List.of(0.0, 1.0, 2.0), List.of(50L, 50L), 100);
    FeatureDistribution ca = new FeatureDistribution(List.of("[0, 1]", "(1, 2]"),
        List.of(0.0, 1.0, 2.0), List.of(10L, 70L), 80);
    FeatureDistribution rb = new FeatureDistribution(List.of("a", "b<"), List.of(),
        List.of(60L, 40L), 100);
    FeatureDistribution cb = new FeatureDistribution(List.of("a", "b<"), List.of(),
        List.of(41L, 39L), 80);
    return new DriftReport("train", 100, "live", 80, "BENJAMINI_HOCHBERG", 0.05, 0.5,
        List.of(new FeatureDrift("size", new DriftTestResult("ks", 0.4, OptionalDouble.of(1e-6),
                0.025, true), ra, ca),
            new FeatureDrift("kind", new DriftTestResult("chi-square", 0.1,
                OptionalDouble.of(0.4), 0.025, false), rb, cb)),
        0.5, true);
  }

  @Test
  @DisplayName("the page has the verdict, a table row and a chart per feature, escaped")
  void page() throws Exception {
    String html = DriftReportPages.html(report());
    assertTrue(html.contains("<p class=\"drifted\">Dataset drifted: 1 of 2 features drifted"
        + " (50%; the dataset drifts at 50%).</p>"), html);
    assertEquals(2, html.split("<img ", -1).length - 1, "one chart per feature");
    assertTrue(html.contains("<tr class=\"drifted\"><td>size</td><td>ks</td>"), html);
    Path f = dir.resolve("drift.html");
    DriftReportPages.writeHtml(report(), f);
    assertEquals(html, Files.readString(f));
    String text = DriftReportPages.text(report());
    assertTrue(text.startsWith("Drift from train (100 rows) to live (80 rows): DRIFTED, 1 of 2"
        + " features drifted (50%; dataset drifts at 50%), benjamini_hochberg at 0.05"), text);
    assertTrue(text.contains("size     ks               0.4000   1.00e-06    0.02500  yes"), text);
  }
}
