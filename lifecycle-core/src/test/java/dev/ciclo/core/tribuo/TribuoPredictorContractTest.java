package dev.ciclo.core.tribuo;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.testing.Blobs;
import dev.ciclo.testkit.PredictorContract;
import java.util.List;

class TribuoPredictorContractTest extends PredictorContract<FeatureVector, String> {
  private static final TribuoClassifierModel<FeatureVector> MODEL =
      TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity())
          .train(Blobs.make(30, 2), 9);

  @Override
  protected Predictor<FeatureVector, String> newPredictor() {
    return MODEL;
  }

  @Override
  protected List<FeatureVector> validInputs() {
    return Blobs.make(5, 3).stream().map(Example::input).toList();
  }
}
