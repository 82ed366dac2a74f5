package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.train.Model;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.core.persist.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One leave-one-speaker-out fold trained once per test JVM and shared by the test classes that
 * need a trained model: {@value #SPEAKER} (the hardest speaker in the full run) is held out.
 */
final class HeldOutFold {
  static final String SPEAKER = "nicolas";
  static final long SEED = 42;

  final Path data;
  final SpeechRecipe recipe =
      SpeechRecipe.builder().progress(SpeechRecipe.Progress.OFF).build();
  final Dataset<AudioClip, String> heldOut;
  final Model<FeatureVector, String> model;
  final NoiseBank cars;

  private static HeldOutFold instance;

  private HeldOutFold() {
    data = SharedData.dir();
    Dataset<AudioClip, String> audio =
        SpeechRecipe.readFsdd(data.resolve("fsdd").resolve("recordings"));
    heldOut = audio.filter(SPEAKER, e -> e.group().equals(SPEAKER));
    Dataset<AudioClip, String> train = audio.filter("not " + SPEAKER,
        e -> !e.group().equals(SPEAKER));
    model = trainOrReuse(train);
    cars = NoiseBank.load(java.util.List.of(data.resolve("noise").resolve("street-cars.wav")),
        SpeechRecipe.SAMPLE_RATE);
  }

  /**
   * Trains the fold, or reads the model an earlier run of the same recipe left in {@code
   * target/} (a local convenience: CI starts from a clean tree and always trains).
   */
  private Model<FeatureVector, String> trainOrReuse(Dataset<AudioClip, String> train) {
    Path file = Path.of("target", "held-out-" + SPEAKER + "-" + Integer.toHexString(
        (recipe.describe() + recipe.features().describe() + SEED).hashCode()) + ".model");
    if (Files.exists(file)) {
      return ModelFiles.load(file, recipe.loader());
    }
    Model<FeatureVector, String> m =
        recipe.train(train, SpeechRecipe.trainingNoise(data.resolve("noise")), SEED);
    ModelFiles.save(m, file);
    return m;
  }

  static synchronized HeldOutFold get() {
    if (instance == null) {
      instance = new HeldOutFold();
    }
    return instance;
  }
}
