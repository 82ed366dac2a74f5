package dev.ciclo.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDigitsTest {
  @Test
  @DisplayName("the synthetic set has 5 speakers x 10 digits x 20 recordings, is deterministic"
      + " and depends on the seed")
  void shape() {
    SpeechData a = SyntheticDigits.generate(7);
    assertEquals(1000, a.recordings().size());
    assertEquals(5, a.recordings().groups().size());
    assertEquals(10, a.recordings().targets().size());
    assertTrue(a.synthetic());
    assertEquals(a.recordings().fingerprint(), SyntheticDigits.generate(7).recordings()
        .fingerprint());
    assertNotEquals(a.recordings().fingerprint(), SyntheticDigits.generate(8).recordings()
        .fingerprint());
    assertEquals(SpeechData.NOISE_FILES.size(), a.noise().size());
  }

  @Test
  @DisplayName("digits are learnable across speakers: a model of three speakers names the digits"
      + " of an unseen one far above chance")
  void learnable() {
    SpeakerSplit s = SpeakerSplit.of(SyntheticDigits.generate(3).recordings(), 3);
    DigitRecipe recipe = DigitRecipe.fast();
    Dataset<FeatureVector, String> train = recipe.extract(s.train());
    var model = recipe.train(train, 3);
    double acc = ClassificationEvaluator.evaluate(model, recipe.extract(s.newcomer()))
        .accuracy();
    assertTrue(acc > 0.5, "accuracy on the unseen speaker " + acc);
  }

  @Test
  @DisplayName("resolve uses synthetic data for an empty folder without a downloader, and says so")
  void resolveSynthetic(@TempDir Path empty) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    SpeechData d = SpeechData.resolve(empty, null, 1, new PrintStream(b, true,
        StandardCharsets.UTF_8));
    assertTrue(d.synthetic());
    assertTrue(b.toString(StandardCharsets.UTF_8).contains("USING SYNTHETIC DATA"));
    assertTrue(b.toString(StandardCharsets.UTF_8).contains(empty.toString()));
  }

  @Test
  @DisplayName("an incomplete data folder is refused by read, naming it")
  void readIncomplete(@TempDir Path empty) {
    var e = assertThrows(IllegalArgumentException.class, () -> SpeechData.read(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  @Test
  @DisplayName("the speaker split keeps speakers apart and recordings 0-4 out of training")
  void split() {
    SpeakerSplit s = SpeakerSplit.of(SyntheticDigits.generate(1).recordings(), 1);
    assertEquals(3, s.train().groups().size());
    assertEquals(s.train().groups(), s.known().groups());
    assertTrue(s.train().stream().allMatch(e -> SpeakerSplit.index(e) >= 5));
    assertTrue(s.known().stream().allMatch(e -> SpeakerSplit.index(e) < 5));
    assertTrue(s.train().groups().stream().noneMatch(g -> g.equals(s.devSpeaker())
        || g.equals(s.newSpeaker())));
    assertNotEquals(s.devSpeaker(), s.newSpeaker());
  }
}
