package dev.ciclo.serve.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServeFixtures;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.testkit.PredictorContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpPredictorTest {
  private TribuoClassifierModel<FeatureVector> model;
  private InferenceServer server;
  private HttpPredictor remote;

  @BeforeAll
  void start() {
    model = ServeFixtures.model("3", 21);
    server = InferenceServer.builder().port(0).threads(2).stopGrace(Duration.ZERO)
        .bearerToken("t0ken")
        .serve(ServedModel.builder("blobs", model)
            .tensorInput(4, row -> FeatureVector.of(ServeFixtures.NAMES, row))
            .bytesInput(b -> FeatureVector.of(ServeFixtures.NAMES, Arrays.stream(
                new String(b, StandardCharsets.UTF_8).split(",")).mapToDouble(Double::parseDouble)
                .toArray()))
            .warmUp(ServeFixtures.inputs(2, 1)).build())
        .build().start();
    remote = HttpPredictor.builder(server.uri(), "blobs").bearerToken("t0ken").build();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("property: for random inputs the HTTP predictor answers exactly as the in-process"
      + " one (label and every score)")
  void sameAnswersAsInProcess() {
    qt().withExamples(300).withShrinkCycles(50)
        .forAll(lists().of(doubles().between(-1e6, 1e6)).ofSize(4))
        .checkAssert(values -> {
          FeatureVector x = FeatureVector.of(ServeFixtures.NAMES,
              values.stream().mapToDouble(Double::doubleValue).toArray());
          assertEquals(model.predict(x), remote.predict(x));
        });
  }

  @Test
  @DisplayName("property: batches over HTTP equal in-process batches, in order")
  void batchesEqual() {
    qt().withExamples(40)
        .forAll(integers().between(1, 30), integers().between(0, 10_000))
        .checkAssert((n, seed) -> {
          List<FeatureVector> xs = ServeFixtures.inputs(n, seed);
          assertEquals(model.predictBatch(xs), remote.predictBatch(xs));
        });
  }

  @Nested
  class Contract extends PredictorContract<FeatureVector, String> {
    @Override
    protected Predictor<FeatureVector, String> newPredictor() {
      return remote;
    }

    @Override
    protected List<FeatureVector> validInputs() {
      return ServeFixtures.inputs(4, 77);
    }
  }

  @Test
  @DisplayName("the raw-body endpoint and metadata round-trip")
  void bytesAndMetadata() {
    FeatureVector x = FeatureVector.of(ServeFixtures.NAMES, new double[] {0, 4, 4, 4});
    Prediction<String> p = remote.predictBytes("0,4,4,4".getBytes(StandardCharsets.UTF_8));
    assertEquals(model.predict(x), p);
    ModelMetadata md = remote.metadata();
    assertEquals("blobs", md.name());
    assertEquals("3", md.version());
    assertEquals("tribuo", md.framework());
  }

  @Test
  @DisplayName("a refused input is an IllegalArgumentException; a wrong token or model a"
      + " CicloException")
  void errors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> remote.predict(FeatureVector.indexed("f", 1, 2, 3)));
    assertTrue(e.getMessage().contains("takes rows of 4 values"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> remote.predictBatch(List.of(FeatureVector.indexed("f", 1, 2, 3, 4),
            FeatureVector.indexed("f", 1, 2))));
    HttpPredictor noToken = HttpPredictor.builder(server.uri(), "blobs").build();
    CicloException auth = assertThrows(CicloException.class,
        () -> noToken.predict(ServeFixtures.inputs(1, 1).get(0)));
    assertTrue(auth.getMessage().contains("401"), auth.getMessage());
    HttpPredictor unknown = HttpPredictor.builder(server.uri(), "nope").bearerToken("t0ken")
        .build();
    assertThrows(CicloException.class, () -> unknown.predict(ServeFixtures.inputs(1, 1).get(0)));
    HttpPredictor down = HttpPredictor.builder(URI.create("http://127.0.0.1:1"), "blobs")
        .timeout(Duration.ofSeconds(2)).build();
    assertThrows(CicloException.class, () -> down.predict(ServeFixtures.inputs(1, 1).get(0)));
    assertEquals(List.of(), remote.predictBatch(List.of()));
  }
}
