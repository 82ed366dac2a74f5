package dev.ciclo.core.testing;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import java.util.List;
import java.util.Map;

/**
 * Small Tribuo logistic regressions on seeded {@link Blobs}, for tests here and in the modules
 * that use core's test jar (the server's).
 */
public final class BlobModels {
  private BlobModels() {}

  /** The four feature names of {@link Blobs}. */
  public static final List<String> NAMES = Blobs.NAMES;

  /**
   * A logistic regression on blobs, reporting the given version.
   *
   * @param version the version in its metadata
   * @param seed the training seed
   * @return the model
   */
  public static TribuoClassifierModel<FeatureVector> model(String version, long seed) {
    TribuoClassifierModel<FeatureVector> m =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity())
            .train(Blobs.make(30, seed), seed);
    return new TribuoClassifierModel<>(m.tribuoModel(), FeatureExtractor.identity(),
        new ModelMetadata("blobs", version, "tribuo", Map.of("trainer", "logistic")));
  }

  /**
   * Some inputs.
   *
   * @param n how many
   * @param seed the seed
   * @return the inputs
   */
  public static List<FeatureVector> inputs(int n, long seed) {
    return Blobs.make(n, seed).stream().map(Example::input).limit(n).toList();
  }
}
