package dev.ciclo.examples.speech;

import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.augment.features.SpectralConfig;
import dev.ciclo.core.data.AudioFolderReader;
import dev.ciclo.core.train.LearningRateSchedule;
import dev.ciclo.core.train.TrainingLoop;
import dev.ciclo.nd4j.MlpClassifier;
import dev.ciclo.nd4j.MlpModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ciclo's default speech recipe for short commands such as spoken digits: the features, the
 * model and the training the full-cycle demo uses.
 *
 * <ul>
 *   <li><b>Features</b> ({@link #features()}): lifecycle-augment's MFCC (13 coefficients, 8 kHz)
 *       summarised two ways and concatenated: 16 time-aligned, cepstral-mean-normalised frames
 *       (the order of sounds) and the mean and deviation of the coefficients and their deltas.
 *   <li><b>Model</b> ({@link #classifier}): an ND4J MLP, hidden layers 256 and 128, ReLU,
 *       dropout 0.3, L2 1e-4, Adam.
 *   <li><b>Training</b> ({@link #loop()}): 40 epochs of batches of 64, learning rate 1e-3 with
 *       cosine decay; every clean clip plus {@link #NOISY_COPIES} copies mixed with real
 *       background noise at 0 to 20 dB ({@link #withNoise}), keyed by (seed, clip id, copy) so
 *       the augmented set is reproducible.
 * </ul>
 */
public final class SpeechRecipe {
  /** Noisy copies of each training clip. */
  public static final int NOISY_COPIES = 2;
  /** The SNR range of training noise, in dB. */
  public static final double MIN_SNR_DB = 0;
  /** The SNR range of training noise, in dB. */
  public static final double MAX_SNR_DB = 20;
  /** FSDD's sample rate. */
  public static final int SAMPLE_RATE = 8000;

  private SpeechRecipe() {}

  /**
   * The recipe's feature extractor, shared by training and serving.
   *
   * @return the extractor, thread-safe
   */
  public static FeatureExtractor<AudioClip> features() {
    SpectralConfig cfg = SpectralConfig.defaults();
    return new RecipeFeatures(List.of(
        MfccSummary.builder().config(cfg).layout(MfccSummary.Layout.TIME_ALIGNED)
            .alignedFrames(16).build(),
        MfccSummary.builder().config(cfg).layout(MfccSummary.Layout.MEAN_STD_DELTAS).build()));
  }

  /**
   * The recipe's classifier over some input.
   *
   * @param extractor the features (the recipe's own, or identity over pre-computed features)
   * @param <X> the input type
   * @return the MLP
   */
  public static <X> MlpClassifier<X> classifier(FeatureExtractor<X> extractor) {
    return MlpClassifier.builder(extractor).hiddenLayers(256, 128).dropout(0.3).l2(1e-4)
        .loop(loop()).build();
  }

  /**
   * The recipe's training loop (no progress bar; add one for interactive use).
   *
   * @return the loop
   */
  public static TrainingLoop loop() {
    return loopBuilder().build();
  }

  /**
   * A builder preset with the recipe's epochs, batch size and schedule.
   *
   * @return the builder
   */
  public static TrainingLoop.Builder loopBuilder() {
    return TrainingLoop.builder().epochs(40).batchSize(64).noProgressBar()
        .learningRate(LearningRateSchedule.cosine(1e-3, 1e-4, 40));
  }

  /**
   * Trains the recipe's model on clean clips: adds the noisy copies, extracts the features once
   * and runs the loop. The model takes audio clips, so it can be served as it is.
   *
   * @param clean the clean training clips
   * @param noise the training noise (see {@link #trainingNoise})
   * @param seed the seed of the noisy copies and of training
   * @return the model
   */
  public static MlpModel<AudioClip> train(
      Dataset<AudioClip, String> clean, NoiseBank noise, long seed) {
    return classifier(features()).train(withNoise(clean, noise, seed), seed);
  }

  /**
   * Reads FSDD's recordings: label = digit, group = speaker, metadata {@code index}.
   *
   * @param recordings the {@code fsdd/recordings} folder
   * @return the dataset, in file-name order
   */
  public static Dataset<AudioClip, String> readFsdd(Path recordings) {
    return AudioFolderReader.read(recordings, AudioFolderReader.FSDD, Wav::read);
  }

  /**
   * The training noise: every vehicle and crowd recording except {@code street-cars.wav}, which
   * is kept for testing so that the test noise is never heard in training.
   *
   * @param noiseDir the {@code noise} folder
   * @return the bank at 8 kHz
   */
  public static NoiseBank trainingNoise(Path noiseDir) {
    return NoiseBank.load(List.of(noiseDir.resolve("street-buses-tram.wav"),
        noiseDir.resolve("windy-street-distant-cars.wav"),
        noiseDir.resolve("market-church-bells.wav"), noiseDir.resolve("ice-rink-children.wav")),
        SAMPLE_RATE);
  }

  /**
   * The training set with noisy copies: each clip, then {@link #NOISY_COPIES} copies with noise
   * from {@code bank} at {@link #MIN_SNR_DB} to {@link #MAX_SNR_DB} dB, tagged {@code noisy}.
   *
   * @param train the clean training clips
   * @param bank the training noise
   * @param seed the augmentation seed
   * @return the larger dataset
   */
  public static Dataset<AudioClip, String> withNoise(
      Dataset<AudioClip, String> train, NoiseBank bank, long seed) {
    Augmenter<AudioClip> noise =
        BackgroundNoise.builder(bank).snrDb(MIN_SNR_DB, MAX_SNR_DB).build();
    List<Example<AudioClip, String>> out = new ArrayList<>(train.size() * (1 + NOISY_COPIES));
    for (Example<AudioClip, String> e : train) {
      out.add(e);
      for (int c = 1; c <= NOISY_COPIES; c++) {
        AudioClip noisy = noise.apply(e.input(), new RandomKey(seed, e.id(), c).generator())
            .output();
        out.add(e.withInput(noisy).withTags("noisy"));
      }
    }
    return Dataset.of(train.name(), out, train.provenance().withStep(NOISY_COPIES
        + " noisy copies per clip, background noise " + MIN_SNR_DB + "-" + MAX_SNR_DB
        + " dB from " + bank.names() + ", seed " + seed));
  }

  /**
   * Mixes one noise recording into every clip at one SNR (for testing robustness).
   *
   * @param data the clips
   * @param bank the noise
   * @param snrDb the SNR
   * @param seed the seed of the noise offsets
   * @return the noisy clips, ids and labels kept, tagged {@code noise-<snr>dB}
   */
  public static Dataset<AudioClip, String> mixedAt(
      Dataset<AudioClip, String> data, NoiseBank bank, double snrDb, long seed) {
    Augmenter<AudioClip> noise = BackgroundNoise.builder(bank).snrDb(snrDb, snrDb).build();
    String tag = "noise-" + (int) snrDb + "dB";
    return data.map("mixed with " + bank.names() + " at " + snrDb + " dB", e -> e.withInput(
        noise.apply(e.input(), new RandomKey(seed, e.id(), 0).generator()).output())
        .withTags(tag));
  }
}
