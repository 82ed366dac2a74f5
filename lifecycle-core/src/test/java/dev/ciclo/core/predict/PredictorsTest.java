package dev.ciclo.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.testing.BlobModels;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.testkit.PredictorContract;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PredictorsTest {
  private static final ModelMetadata MD = new ModelMetadata("parity", "1", "host", Map.of());
  private static final Predictor<Integer, String> PARITY = Predictors.of(MD, x -> {
    if (x < 0) {
      throw new IllegalArgumentException("x must not be negative but was " + x);
    }
    return new Prediction<>(x % 2 == 0 ? "even" : "odd", Map.of("even", x % 2 == 0 ? 1.0 : 0.0));
  });

  @Nested
  class HostLambdaContract extends PredictorContract<Integer, String> {
    @Override
    protected Predictor<Integer, String> newPredictor() {
      return PARITY;
    }

    @Override
    protected List<Integer> validInputs() {
      return List.of(1, 2, 3, 10);
    }
  }

  @Nested
  class WithExtractorContract extends PredictorContract<String, String> {
    @Override
    protected Predictor<String, String> newPredictor() {
      FeatureExtractor<String> csv = s -> FeatureVector.of(BlobModels.NAMES,
          java.util.Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray());
      return Predictors.withExtractor(csv, BlobModels.model("1", 2));
    }

    @Override
    protected List<String> validInputs() {
      return List.of("0,0,0,0", "4,4,0,0", "0,4,4,4");
    }
  }

  @Test
  @DisplayName("a host lambda's refusal passes through; a null answer is a CicloException")
  void lambdaErrors() {
    assertThrows(IllegalArgumentException.class, () -> PARITY.predict(-1));
    Predictor<String, String> nulls = Predictors.of(MD, x -> null);
    assertThrows(CicloException.class, () -> nulls.predict("a"));
  }

  @Test
  @DisplayName("predictAll on an executor equals predictBatch, in order")
  void predictAllEqualsBatch() {
    TribuoClassifierModel<FeatureVector> model = BlobModels.model("1", 2);
    List<FeatureVector> xs = BlobModels.inputs(100, 8);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertEquals(model.predictBatch(xs), Predictors.predictAll(model, xs, pool, 7));
      List<Integer> ints = IntStream.range(-1, 20).boxed().toList();
      assertThrows(IllegalArgumentException.class,
          () -> Predictors.predictAll(PARITY, ints, pool, 4));
      assertThrows(IllegalArgumentException.class,
          () -> Predictors.predictAll(PARITY, List.of(1), pool, 0));
    } finally {
      pool.shutdownNow();
    }
  }
}
