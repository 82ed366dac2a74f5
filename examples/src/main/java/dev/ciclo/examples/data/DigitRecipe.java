package dev.ciclo.examples.data;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The features and model of the cycle's examples: lifecycle-augment's MFCC summary (mean and
 * deviation of 13 coefficients and their deltas) and Tribuo's multinomial logistic regression,
 * 10 epochs. Features are computed once per clip, in parallel, and kept in memory; a model
 * trained on them is served on audio by wrapping its Tribuo model with the same extractor, so
 * training and serving use one feature code path. Stateless and thread-safe.
 */
public final class DigitRecipe {
  private static final MfccSummary FEATURES = MfccSummary.builder().build();

  private DigitRecipe() {}

  /**
   * The extractor shared by training and serving.
   *
   * @return the MFCC summary extractor
   */
  public static MfccSummary features() {
    return FEATURES;
  }

  /**
   * The trainer over pre-computed features.
   *
   * @return logistic regression, 10 epochs
   */
  public static TribuoClassifierTrainer<FeatureVector> trainer() {
    return TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 10);
  }

  /**
   * Computes every clip's features once, in parallel; ids, labels, groups, tags and metadata
   * are kept.
   *
   * @param clips the clips
   * @return the feature dataset, in the same order
   */
  public static Dataset<FeatureVector, String> extract(Dataset<AudioClip, String> clips) {
    FeatureVector[] out = new FeatureVector[clips.size()];
    IntStream.range(0, clips.size()).parallel()
        .forEach(i -> out[i] = FEATURES.extract(clips.get(i).input()));
    List<Example<FeatureVector, String>> ex = new ArrayList<>(out.length);
    for (int i = 0; i < out.length; i++) {
      ex.add(clips.get(i).withInput(out[i]));
    }
    return Dataset.of(clips.name(), ex,
        clips.provenance().withStep("features: " + FEATURES.describe()));
  }

  /**
   * Trains on features and returns a model that takes audio.
   *
   * @param train the training features
   * @param seed the training seed
   * @return the model over audio clips
   */
  public static TribuoClassifierModel<AudioClip> train(Dataset<FeatureVector, String> train,
      long seed) {
    return onAudio(trainer().train(train, seed));
  }

  /**
   * The same model over audio clips.
   *
   * @param model a model trained on {@link #features()} vectors
   * @return the model with the extractor in front
   */
  public static TribuoClassifierModel<AudioClip> onAudio(
      TribuoClassifierModel<FeatureVector> model) {
    return new TribuoClassifierModel<>(model.tribuoModel(), FEATURES, model.metadata());
  }
}
