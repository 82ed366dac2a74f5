package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.core.persist.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe trains on real recordings, saves, loads and serves audio with the same answers. */
@DisplayName("the speech recipe on FSDD recordings")
class FsddSpeechRecipeTest {
  @Test
  @DisplayName("the recipe's model saves, loads with the recipe's loader and answers the same")
  void savesAndLoads(@TempDir Path dir) {
    Path data = SharedData.dir();
    SpeechRecipe recipe = SpeechRecipe.builder().epochs(10).noSpeechExamples(100).members(2)
        .progress(SpeechRecipe.Progress.OFF).build();
    Dataset<AudioClip, String> audio = SpeechRecipe.readFsdd(data.resolve("fsdd/recordings"));
    Dataset<AudioClip, String> small = audio.filter("theo and george, recordings 0-9",
        e -> (e.group().equals("theo") || e.group().equals("george"))
            && Integer.parseInt(e.metadata().get("index")) < 10);
    NoiseBank noise = SpeechRecipe.trainingNoise(data.resolve("noise"));
    Model<FeatureVector, String> model = recipe.train(small, noise, 7);
    ModelFiles.save(model, dir.resolve("digits.model"));
    Model<FeatureVector, String> back =
        ModelFiles.load(dir.resolve("digits.model"), recipe.loader());
    List<FeatureVector> clips = audio.stream().filter(e -> e.group().equals("nicolas"))
        .limit(20).map(Example::input).map(recipe.features()::extract).toList();
    List<Prediction<String>> expected = model.predictBatch(clips);
    assertEquals(expected, back.predictBatch(clips));
    assertEquals(SpeechRecipe.NO_SPEECH,
        back.predict(recipe.features().extract(AudioClip.of(new float[0], 8000))).value());
    long right = small.stream()
        .filter(e -> recipe.onAudio(model).predict(e.input()).value().equals(e.target()))
        .count();
    assertTrue(right > 0.9 * small.size(), "training accuracy " + right + "/" + small.size());
  }
}
