package dev.ciclo.examples.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.SyntheticDigits;
import dev.ciclo.examples.monitor.SpeechSignals;
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

  private static PredictionRecord record(Map<String, String> input) {
    return new PredictionRecord("r1", Instant.EPOCH, "digits", "1", input, "3", Map.of(),
        Duration.ZERO, Consent.TRAINING, "user-a");
  }

  @Test
  @DisplayName("what the server logs decodes back to exactly the training features")
  void logRoundTrip() {
    FeatureVector served = SERVED.input(CLIP);
    Map<String, String> logged = ServedDigits.logFields(served);
    assertTrue(logged.containsKey(SpeechSignals.NOISE_FLOOR_DB));
    assertEquals(SERVED.recipe.features().extract(CLIP), SERVED.decode(record(logged)));
  }

  @Test
  @DisplayName("a log record without the features is refused, naming the request and the field")
  void missingField() {
    Map<String, String> logged = new HashMap<>(ServedDigits.logFields(SERVED.input(CLIP)));
    String fifth = SERVED.features.get(5);
    logged.remove(fifth);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SERVED.decode(record(logged)));
    assertTrue(e.getMessage().contains("r1") && e.getMessage().contains(fifth), e.getMessage());
    assertThrows(NumberFormatException.class, () -> SERVED.decode(record(
        Map.of(SERVED.features.get(0), "loud"))));
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
