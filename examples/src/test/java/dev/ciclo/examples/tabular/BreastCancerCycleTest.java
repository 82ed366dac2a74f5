package dev.ciclo.examples.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.testkit.Required;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The Breast Cancer cycle: CSV to served model to a drift report of shifted traffic")
class BreastCancerCycleTest {
  @TempDir Path dir;

  @Test
  @DisplayName("trains, finds slices, serves, logs, and the report names the rescaled radii")
  void cycle() throws Exception {
    Path csv = Required.data("tabular/breast_cancer.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BreastCancerCycle.Result r = BreastCancerCycle.run(csv, dir,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertTrue(r.test().accuracy() > 0.85, "a logistic regression does well: " + r.test());
    assertTrue(r.examined() > 30, "quartiles of 30 columns and their pairs were examined");
    double overall = 1 - r.test().accuracy();
    for (SliceMetrics s : r.slices()) {
      assertTrue(s.error() > 0, s.toString());
    }
    assertEquals(r.test().count(), r.before().currentRows(), "every test row was logged");
    assertFalse(r.before().drifted(), r.before().driftedFeatures().toString());
    assertTrue(r.after().driftedFeatures().containsAll(BreastCancerCycle.RESCALED),
        r.after().driftedFeatures().toString());
    assertTrue(r.after().driftedFeatures().size() < 10,
        "only the radii and what they feed: " + r.after().driftedFeatures());
    String html = Files.readString(r.html());
    assertEquals(30, html.split("<img ", -1).length - 1, "a chart per feature");
    assertTrue(Files.isRegularFile(r.html().resolveSibling("drift-after.json")));
    assertTrue(printed.contains("5. Drift   as they are: no dataset drift"), printed);
    assertTrue(overall < 0.15);
  }
}
