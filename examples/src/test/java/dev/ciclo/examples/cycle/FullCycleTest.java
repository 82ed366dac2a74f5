package dev.ciclo.examples.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.core.maintain.GateDecision;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.SpeechData;
import dev.ciclo.speech.SpeechSignals;
import dev.ciclo.testkit.Required;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullCycleTest {
  @TempDir Path out;

  private CycleResult run(Path data, ByteArrayOutputStream printed) {
    // the quick recipe keeps this test near 20 s; the demo's default (the speech recipe's MLP)
    // tells the same story in minutes (see the report of issue 8)
    return FullCycle.builder().dataDir(data).outDir(out).seed(42).recipe(DigitRecipe.fast())
        .out(new PrintStream(printed, true, StandardCharsets.UTF_8)).build().run();
  }

  /** What holds on any data: the steps ran, the monitor and the swap behaved. */
  private static void assertCommonStory(CycleResult r, String text) {
    for (int step = 1; step <= 7; step++) {
      assertTrue(text.contains("== " + step + ". "), "step " + step + " printed");
    }
    assertEquals(List.of(), r.alertsBefore(), "no alert before the world changed");
    assertFalse(r.alertsAfter().isEmpty(), "the change is noticed");
    assertTrue(r.alertWindows().stream().allMatch(w -> w >= r.changeWindow()),
        "no alert is dated before the change: " + r.alertWindows());
    for (String subject : List.of("feature:" + SpeechSignals.NOISE_FLOOR_DB, "dataset")) {
      int i = r.alertsAfter().stream().map(Alert::subject).toList().indexOf(subject);
      assertTrue(i >= 0, subject + " alerts: " + r.alertsAfter());
      assertEquals(r.changeWindow(), r.alertWindows().get(i), subject + " alerts at once");
    }
    assertTrue(r.noisyErrorAfter() < r.noisyErrorBefore(), "augmentation helps the noisy slice: "
        + r.noisyErrorBefore() + " -> " + r.noisyErrorAfter());
    assertEquals("tag=" + Lab.CAR_NOISE, r.firstSlice(), "error analysis finds the car noise");
    assertNotNull(r.decision(), "the alert started a cycle that reached the gate");
    assertEquals(0, r.swapFailures(), "no request failed while the loop ran");
    assertTrue(r.swapRequests() > 60, "live traffic ran through the loop: " + r.swapRequests());
    assertTrue(r.liveAccuracyAfter() < r.liveAccuracyBefore(), r.liveAccuracyBefore() + " -> "
        + r.liveAccuracyAfter());
  }

  private void assertReport(CycleResult r) throws Exception {
    BufferedImage chart = ImageIO.read(r.reportDir().resolve(CycleReport.CHART).toFile());
    assertNotNull(chart);
    assertTrue(chart.getWidth() >= 640);
    assertTrue(Files.readString(r.reportDir().resolve("report.html")).contains("car-noise"));
    assertTrue(Files.readString(r.reportDir().resolve("report.txt")).contains("== 7. Maintain"));
    assertTrue(Files.readString(r.reportDir().resolve("monitor.html")).contains(
        SpeechSignals.NOISE_FLOOR_DB));
  }

  @Test
  @DisplayName("on FSDD the whole story holds: car noise is the worst slice and augmentation"
      + " improves it, the alert fires after the change and not before, and the challenger"
      + " passes the gate, replaces the champion with zero failed requests and passes the watch")
  void realData() throws Exception {
    Path data = Required.dataDir();
    Required.that(SpeechData.isComplete(data), "FSDD and noise not found: looked in " + data
        + " (set " + Required.DATA_DIR_VARIABLE + " to the folder holding fsdd/ and noise/)");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CycleResult r = run(data, printed);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertFalse(r.synthetic());
    assertCommonStory(r, text);
    assertEquals(GateDecision.Verdict.PROMOTE, r.decision().verdict(), r.decision().reasons()
        .toString());
    assertEquals("2", r.servedVersion(), "the challenger serves");
    assertEquals("passed", r.watch(), "the watch after the swap found the new champion no worse");
    assertEquals(List.of("1", "2"), r.versionsSeen(), "traffic was answered before and after");

    // the registry and the run store tell the same story, and the decision replays
    Workspace ws = Workspace.open(out.resolve("workspace"));
    List<AliasChange> history = FileModelRegistry.builder(ws).build()
        .aliasHistory(ServedDigits.MODEL);
    assertEquals(2, history.get(history.size() - 1).newVersion());
    var runs = RunStore.in(ws).list();
    var challenger = runs.stream().filter(x -> x.notes().contains("gate.verdict: PROMOTE"))
        .findFirst().orElseThrow(() -> new AssertionError("no run record holds the decision"));
    assertEquals(GateDecision.Verdict.PROMOTE,
        PromotionGate.builder().margin(0.02).sliceTolerance(0.03)
            .slice("known users", e -> true).slice("new user", e -> true).build()
            .replay(challenger).verdict());
    assertReport(r);
  }

  @Test
  @DisplayName("with an empty data folder it runs on synthetic digits, says so, and the story's"
      + " monitoring and safe swap still hold")
  void synthetic(@TempDir Path empty) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CycleResult r = run(empty, printed);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(r.synthetic());
    assertTrue(text.contains("USING SYNTHETIC DATA"), text);
    assertTrue(text.contains(empty.toString()), "it says where it looked");
    assertCommonStory(r, text);
    assertReport(r);
  }
}
