package dev.ciclo.nd4j;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.testkit.PredictorContract;
import java.util.List;

class MlpPredictorContractTest extends PredictorContract<FeatureVector, String> {
  private static final MlpModel<FeatureVector> MODEL =
      MlpClassifierTest.mlp(0).train(MlpClassifierTest.SPLIT.train(), 9);

  @Override
  protected Predictor<FeatureVector, String> newPredictor() {
    return MODEL;
  }

  @Override
  protected List<FeatureVector> validInputs() {
    return MlpClassifierTest.SPLIT.test().stream().limit(20).map(Example::input).toList();
  }
}
