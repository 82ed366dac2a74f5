package dev.ciclo.examples.data;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.core.predict.Predictors;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.speech.Projection;
import dev.ciclo.speech.SpeechRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The features and model the cycle's examples train, over pre-computed feature vectors:
 * features are computed once per clip, in parallel, and kept in memory; a model is trained on
 * them and served either on vectors ({@link #loader()}) or on audio ({@link #onAudio}), through
 * the same extractor, so training and serving share one feature code path.
 *
 * <p>Two recipes: {@link #speech()}, lifecycle-speech's {@link SpeechRecipe} (voice-activity
 * trimmed MFCC frames and summaries, an ND4J MLP with a "no speech" outcome), which the demo
 * uses; and {@link #fast()}, the MFCC summary with Tribuo's logistic regression, for quick runs.
 * The models read their inputs by name, so a served vector may carry more fields (the monitored
 * signals) than the model reads. Immutable and thread-safe.
 */
public final class DigitRecipe {
  private final String name;
  private final FeatureExtractor<AudioClip> features;
  private final List<String> names;
  private final Trainer<FeatureVector, String> trainer;
  private final ModelLoader<FeatureVector, String> loader;

  private DigitRecipe(String name, FeatureExtractor<AudioClip> features,
      Trainer<FeatureVector, String> trainer, ModelLoader<FeatureVector, String> loader) {
    this.name = name;
    this.features = features;
    this.names = features.featureNames().orElseThrow(() -> new IllegalArgumentException(
        "the recipe's features must name their features: " + features.describe()));
    this.trainer = trainer;
    this.loader = loader;
  }

  /**
   * Ciclo's speech recipe ({@link SpeechRecipe}) with one network instead of the default
   * ensemble: the demo trains about seven models (learning curve, champion, challengers), and
   * one network each keeps it quick.
   *
   * @return the recipe
   */
  public static DigitRecipe speech() {
    SpeechRecipe r = SpeechRecipe.builder().members(1).build();
    // the demo trains on its own sets (its noise comes in step 4), not on the recipe's augment():
    // say so rather than name augmentation and no-speech clips this model never saw
    return new DigitRecipe("speech recipe's features and model (VAD-trimmed MFCC frames +"
        + " summaries, " + r.describeModel() + "; no no-speech class)", r.features(),
        r.trainer(), r.loader());
  }

  /**
   * The quick recipe: the MFCC summary (mean and deviation of 13 coefficients and their deltas)
   * and Tribuo's logistic regression, 10 epochs.
   *
   * @return the recipe
   */
  public static DigitRecipe fast() {
    MfccSummary f = MfccSummary.builder().build();
    Projection p = Projection.of(f.featureNames().orElseThrow());
    return new DigitRecipe("MFCC summary + logistic regression", f,
        TribuoClassifierTrainer.logisticRegression(p, 10), TribuoModelLoader.of(FeatureVector.class, p));
  }

  /**
   * What the recipe is, for people.
   *
   * @return a short description
   */
  public String describe() {
    return name;
  }

  /**
   * The extractor shared by training and serving.
   *
   * @return the audio feature extractor
   */
  public FeatureExtractor<AudioClip> features() {
    return features;
  }

  /**
   * The names of the features the models read, in order.
   *
   * @return the names
   */
  public List<String> featureNames() {
    return names;
  }

  /**
   * The trainer over feature vectors (read by name).
   *
   * @return the trainer
   */
  public Trainer<FeatureVector, String> trainer() {
    return trainer;
  }

  /**
   * The loader a registry needs to load this recipe's models.
   *
   * @return the loader
   */
  public ModelLoader<FeatureVector, String> loader() {
    return loader;
  }

  /**
   * Computes every clip's features once, in parallel; ids, labels, groups, tags and metadata
   * are kept.
   *
   * @param clips the clips
   * @return the feature dataset, in the same order
   */
  public Dataset<FeatureVector, String> extract(Dataset<AudioClip, String> clips) {
    FeatureVector[] out = new FeatureVector[clips.size()];
    IntStream.range(0, clips.size()).parallel()
        .forEach(i -> out[i] = features.extract(clips.get(i).input()));
    List<Example<FeatureVector, String>> ex = new ArrayList<>(out.length);
    for (int i = 0; i < out.length; i++) {
      ex.add(clips.get(i).withInput(out[i]));
    }
    return Dataset.of(clips.name(), ex,
        clips.provenance().withStep("features: " + features.describe()));
  }

  /**
   * Trains on feature vectors.
   *
   * @param train the training features
   * @param seed the training seed
   * @return the model
   */
  public Model<FeatureVector, String> train(Dataset<FeatureVector, String> train, long seed) {
    return trainer.train(train, seed);
  }

  /**
   * A model over vectors seen as a predictor of clips (the recipe's features in front).
   * ({@link Predictors#withExtractor}: a batch extracts every clip, then predicts them together).
   *
   * @param model a model of this recipe
   * @return the predictor, thread-safe when the model is
   * @throws NullPointerException if {@code model} is null
   */
  public Predictor<AudioClip, String> onAudio(Predictor<FeatureVector, String> model) {
    return Predictors.withExtractor(features, Objects.requireNonNull(model, "model"));
  }

}
