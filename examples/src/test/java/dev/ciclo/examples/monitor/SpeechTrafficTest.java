package dev.ciclo.examples.monitor;

import dev.ciclo.speech.SpeechSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.NoisePlan;
import dev.ciclo.examples.data.SpeakerSplit;
import dev.ciclo.examples.data.SpeechData;
import dev.ciclo.examples.data.SyntheticDigits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechTrafficTest {
  private static final SpeechData DATA = SyntheticDigits.generate(4);
  private static final SpeakerSplit SPLIT = SpeakerSplit.of(DATA.recordings(), 4);
  private static final NoisePlan NOISE = NoisePlan.of(DATA);

  private static SpeechTraffic traffic(long seed) {
    return new SpeechTraffic(SPLIT.known(), SPLIT.newcomer(), NOISE.carsTest(),
        NOISE.busesLive(), seed);
  }

  @Test
  @DisplayName("a request is a pure function of (seed, number, changed); the newcomer appears"
      + " only after the change, in about half the requests")
  void deterministic() {
    SpeechTraffic t = traffic(9);
    assertEquals(t.request("live", 17, true), traffic(9).request("live", 17, true));
    assertNotEquals(t.request("live", 17, true).clip(), traffic(10).request("live", 17, true)
        .clip());
    int newcomer = 0;
    for (int i = 0; i < 400; i++) {
      assertNotEquals(SPLIT.newSpeaker(), t.request("live", i, false).speaker());
      newcomer += t.request("live", i, true).speaker().equals(SPLIT.newSpeaker()) ? 1 : 0;
    }
    assertTrue(newcomer > 150 && newcomer < 250, "newcomer share of 400: " + newcomer);
  }

  @Test
  @DisplayName("the changed street is louder: the noise floor rises on average by over 5 dB")
  void louder() {
    SpeechTraffic t = traffic(1);
    double before = 0;
    double after = 0;
    for (int i = 0; i < 100; i++) {
      before += SpeechSignals.noiseFloorDb(t.request("x", i, false).clip()) / 100;
      after += SpeechSignals.noiseFloorDb(t.request("x", i, true).clip()) / 100;
    }
    assertTrue(after > before + 5, before + " -> " + after);
  }

  @Test
  @DisplayName("bad arguments are refused with the parameter named")
  void badInput(@TempDir Path dir) {
    Dataset<AudioClip, String> empty = SPLIT.known().filter("none", e -> false);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpeechTraffic(empty,
        SPLIT.newcomer(), NOISE.carsTest(), NOISE.busesLive(), 1)).getMessage()
        .contains("known"));
    assertThrows(NullPointerException.class, () -> new SpeechTraffic(SPLIT.known(), null,
        NOISE.carsTest(), NOISE.busesLive(), 1));
    try (FilePredictionLog log = FilePredictionLog.builder(dir).build()) {
      DigitRecipe recipe = DigitRecipe.fast();
      var model = recipe.onAudio(recipe.train(recipe.extract(SPLIT.train()), 1));
      List<AudioClip> few = List.of(SPLIT.known().get(0).input());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DigitMonitor.build("m", log, model, few, Clock.systemUTC(), Instant.EPOCH, 10));
      assertTrue(e.getMessage().contains("30") && e.getMessage().contains("1"), e.getMessage());
    }
  }
}
