package dev.ciclo.examples.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.SyntheticDigits;
import dev.ciclo.speech.SpeechSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServedDigitsTest {
  private static final AudioClip CLIP = SyntheticDigits.generate(2).recordings().get(3).input();
  private static final ServedDigits SERVED = new ServedDigits(DigitRecipe.fast());

  @Test
  @DisplayName("the logged WAV decodes back to the recipe's features of the clip the app sent;"
      + " the signals are typed numbers")
  void logRoundTrip() {
    byte[] wav = Wav.encode(CLIP, SampleFormat.PCM_16);
    AudioClip sent = Wav.decode(wav, "sent");
    assertEquals(SERVED.recipe.features().extract(sent),
        SERVED.decode(RawPayload.of("audio/wav", wav)));
    Map<String, Signal> signals = ServedDigits.signals(SERVED.input(sent));
    assertEquals(SpeechSignals.signals(sent), signals);
  }

  @Test
  @DisplayName("a logged input that is not a WAV clip is refused with what it was")
  void notAudio() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SERVED.decode(RawPayload.of("text/plain", new byte[] {1})));
    assertTrue(e.getMessage().contains("must be audio/wav bytes"), e.getMessage());
    assertThrows(RuntimeException.class,
        () -> SERVED.decode(RawPayload.of("audio/wav", new byte[] {1, 2, 3})));
  }

  @Test
  @DisplayName("the models read the recipe's features by name from the longer served vector")
  void projection() {
    DigitRecipe recipe = DigitRecipe.fast();
    FeatureVector served = SERVED.input(CLIP);
    assertTrue(served.size() > recipe.featureNames().size());
    var model = recipe.train(recipe.extract(SyntheticDigits.generate(2).recordings()), 1);
    assertEquals(model.predict(recipe.features().extract(CLIP)), model.predict(served));
  }

  @Test
  @DisplayName("the app's users consent 70% to training, 20% to monitoring only, 10% not at all")
  void consentShares() {
    Map<Consent, Integer> n = new EnumMap<>(Consent.class);
    for (int i = 0; i < 1000; i++) {
      n.merge(MobileApp.consentOf(i), 1, Integer::sum);
    }
    assertEquals(Map.of(Consent.TRAINING, 700, Consent.MONITORING, 200, Consent.NONE, 100), n);
  }

  @Test
  @DisplayName("the simulated clock only moves forward, by what it is told")
  void clock() {
    SimClock c = new SimClock(Instant.EPOCH);
    assertEquals(Instant.ofEpochSecond(2), c.advance(Duration.ofSeconds(2)));
    assertEquals(Instant.ofEpochSecond(2), c.instant());
  }
}
