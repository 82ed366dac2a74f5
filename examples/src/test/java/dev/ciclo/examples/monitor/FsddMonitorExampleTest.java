package dev.ciclo.examples.monitor;

import dev.ciclo.speech.SpeechSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Signal;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.examples.data.SpeechData;
import dev.ciclo.examples.data.SyntheticDigits;
import dev.ciclo.testkit.Required;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddMonitorExampleTest {
  @TempDir Path out;

  private static void assertStory(FsddMonitorExample.Result r) {
    int change = FsddMonitorExample.CHANGE_WINDOW;
    assertEquals(FsddMonitorExample.WINDOWS, r.windows().size());
    assertTrue(r.windows().stream().allMatch(w -> w.tested()), "every window is tested");
    for (int i = 0; i < r.alerts().size(); i++) {
      assertTrue(r.alertWindows().get(i) >= change, "no alert before the change: "
          + r.alerts().get(i) + " in window " + r.alertWindows().get(i));
    }
    Map<String, Integer> first = r.firstAlertWindow();
    assertEquals(change, first.get("feature:" + SpeechSignals.NOISE_FLOOR_DB),
        "the louder street shows in the noise floor at once: " + first);
    assertEquals(change, first.get("dataset"), "the inputs as a whole drifted: " + first);
    assertTrue(first.containsKey("prediction") || first.containsKey("confidence"),
        "the new speaker shows in the model's answers: " + first);
    assertTrue(r.accuracyAfter() < r.accuracyBefore(), r.accuracyBefore() + " -> "
        + r.accuracyAfter());
  }

  @Test
  @DisplayName("on real FSDD predictions, a new speaker and louder street noise half-way raise the"
      + " noise-floor, answers and dataset alerts in the change window and none before")
  void realData() throws Exception {
    Path dir = Required.dataDir();
    Required.that(SpeechData.isComplete(dir), "FSDD and noise not found: looked in " + dir
        + " (set " + Required.DATA_DIR_VARIABLE + " to the folder holding fsdd/ and noise/)");
    FsddMonitorExample.Result r = FsddMonitorExample.run(SpeechData.read(dir), out, 42,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertStory(r);
    assertTrue(Files.readString(out.resolve("monitor.html")).contains("noise_floor_db"));
    assertTrue(Files.size(out.resolve("monitor.json")) > 100);
  }

  @Test
  @DisplayName("the same story holds on the synthetic digits")
  void synthetic() {
    assertStory(FsddMonitorExample.run(SyntheticDigits.generate(5), out, 5,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("background noise raises the noise floor; signals are typed numbers")
  void signals() {
    AudioClip speech = SyntheticDigits.generate(1).recordings().get(0).input();
    AudioClip noisy = BackgroundNoise.builder(NoiseBank.of("n", SyntheticDigits.noise(1)
        .get(SpeechData.STREET_CARS), 8000)).snrDb(0, 0).build()
        .apply(speech, new RandomKey(1, "x", 0).generator()).output();
    assertTrue(SpeechSignals.noiseFloorDb(noisy) > SpeechSignals.noiseFloorDb(speech) + 3);
    Map<String, Signal> f = SpeechSignals.signals(speech);
    assertEquals(DigitMonitor.FIELDS, f.keySet().stream().toList());
    f.values().forEach(v -> assertTrue(v instanceof Signal.Numeric, v.toString()));
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
        () -> SpeechSignals.signals(null));
  }
}
