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

  /** A server that sends answer headers, then the body forever, one chunk every pause. */
  private static java.net.ServerSocket endless(long pauseMillis) throws java.io.IOException {
    java.net.ServerSocket ss = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try (java.net.Socket s = ss.accept()) {
          s.getInputStream().read(new byte[8192]);
          java.io.OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1073741824\r\n\r\n{\"outputs\":[").getBytes(
              StandardCharsets.US_ASCII));
          byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
          while (!ss.isClosed()) {
            out.write(chunk);
            if (pauseMillis > 0) {
              Thread.sleep(pauseMillis);
            }
          }
        } catch (Exception e) {
          // the client gave up: wait for the next one
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return ss;
  }

  @Test
  @DisplayName("an endless answer is cut at maxResponseBytes; a slow one at the total deadline")
  void boundedAgainstHostileServers() throws Exception {
    FeatureVector x = ServeFixtures.inputs(1, 1).get(0);
    try (java.net.ServerSocket fast = endless(0)) {
      HttpPredictor p = HttpPredictor.builder(URI.create("http://127.0.0.1:" + fast.getLocalPort()),
          "blobs").maxResponseBytes(1 << 20).timeout(Duration.ofSeconds(20)).build();
      long t0 = System.nanoTime();
      CicloException e = assertThrows(CicloException.class, () -> p.predict(x));
      assertTrue(e.getMessage().contains("larger than 1048576 bytes"), e.getMessage());
      assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "cut off quickly");
    }
    try (java.net.ServerSocket slow = endless(200)) {
      HttpPredictor p = HttpPredictor.builder(URI.create("http://127.0.0.1:" + slow.getLocalPort()),
          "blobs").timeout(Duration.ofSeconds(1)).build();
      long t0 = System.nanoTime();
      CicloException e = assertThrows(CicloException.class, () -> p.predict(x));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(e.getMessage().contains("took longer than PT1S"), e.getMessage());
      assertTrue(ms < 3_000, "gave up after " + ms + " ms");
    }
  }
}
