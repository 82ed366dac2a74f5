package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.predict.Predictors;
import dev.ciclo.core.testing.MemoryLog;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InferenceServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<FeatureVector> WARM = ServeFixtures.inputs(3, 1);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static InferenceServer.Builder builder(Predictor<FeatureVector, ?> p) {
    return InferenceServer.builder().port(0).threads(4).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", p, ServeFixtures.NAMES, WARM));
  }

  @Test
  @DisplayName("infer answers equal the in-process model's, for one row and a batch")
  void inferEqualsInProcess() throws Exception {
    TribuoClassifierModel<FeatureVector> model = ServeFixtures.model("1", 3);
    try (InferenceServer s = builder(model).build().start()) {
      List<FeatureVector> inputs = ServeFixtures.inputs(6, 11);
      StringBuilder data = new StringBuilder();
      for (FeatureVector v : inputs) {
        for (int i = 0; i < v.size(); i++) {
          data.append(data.length() == 0 ? "" : ",").append(v.get(i));
        }
      }
      String body = "{\"id\":\"r1\",\"inputs\":[{\"name\":\"x\",\"shape\":[6,4],"
          + "\"datatype\":\"FP64\",\"data\":[" + data + "]}]}";
      ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
          URI.create(s.uri() + "/v2/models/blobs/infer"), body);
      assertEquals(200, a.status(), a.body());
      JsonNode n = JSON.readTree(a.body());
      assertEquals("blobs", n.get("model_name").asText());
      assertEquals("1", n.get("model_version").asText());
      assertEquals("r1", n.get("id").asText());
      JsonNode labels = n.get("outputs").get(0).get("data");
      JsonNode scores = n.get("outputs").get(1).get("data");
      JsonNode scoreLabels = n.get("outputs").get(2).get("data");
      for (int i = 0; i < inputs.size(); i++) {
        Prediction<String> expected = model.predict(inputs.get(i));
        assertEquals(expected.value(), labels.get(i).asText());
        for (int j = 0; j < scoreLabels.size(); j++) {
          assertEquals(expected.scores().get(scoreLabels.get(j).asText()),
              scores.get(i * scoreLabels.size() + j).doubleValue());
        }
      }
    }
  }

  @Test
  @DisplayName("health, readiness and model metadata are served; metrics count requests")
  void healthMetadataMetrics() throws Exception {
    try (InferenceServer s = builder(ServeFixtures.model("5", 3)).build().start()) {
      assertEquals("{\"live\":true}", get(s, "/v2/health/live").body());
      assertEquals("{\"ready\":true}", get(s, "/v2/health/ready").body());
      JsonNode md = JSON.readTree(get(s, "/v2/models/blobs").body());
      assertEquals("5", md.get("versions").get(0).asText());
      assertEquals("tribuo", md.get("platform").asText());
      assertEquals(4, md.get("inputs").get(0).get("shape").get(1).asInt());
      assertEquals(200, get(s, "/v2/models/blobs/versions/5").status());
      for (int i = 0; i < 3; i++) {
        ServeFixtures.send(client, "POST", URI.create(s.uri() + "/v2/models/blobs/infer"),
            ServeFixtures.inferBody(WARM.get(0)));
      }
      String m = get(s, "/metrics").body();
      assertEquals(3, ServeFixtures.metric(m, "ciclo_http_requests_total", "model", "blobs",
          "version", "5", "endpoint", "infer", "code", "200"), m);
      assertEquals(3, ServeFixtures.metric(m, "ciclo_http_request_duration_seconds_count",
          "model", "blobs", "version", "5", "endpoint", "infer", "code", "200"), m);
      assertEquals(3, ServeFixtures.metric(m, "ciclo_http_request_duration_seconds_bucket",
          "model", "blobs", "endpoint", "infer", "le", "+Inf"), m);
      assertEquals(1, ServeFixtures.metric(m, "ciclo_model_version_info", "model", "blobs",
          "version", "5"), m);
      assertEquals(3, ServeFixtures.metric(m, "ciclo_predictions_total", "model", "blobs",
          "version", "5"), m);
      assertTrue(m.contains("# TYPE ciclo_http_request_duration_seconds histogram"), m);
    }
  }

  @Test
  @DisplayName("a request in flight finishes on the old model while the swap goes through")
  void inFlightFinishesOnOldModel() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TribuoClassifierModel<FeatureVector> real = ServeFixtures.model("1", 3);
    AtomicBoolean warmed = new AtomicBoolean();
    Predictor<FeatureVector, String> slow = Predictors.of(real.metadata(), x -> {
      if (warmed.get()) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return real.predict(x);
    });
    try (InferenceServer s = builder(slow).build().start()) {
      warmed.set(true);
      CompletableFuture<ServeFixtures.Answer> inFlight = CompletableFuture.supplyAsync(() -> {
        try {
          return ServeFixtures.send(client, "POST",
              URI.create(s.uri() + "/v2/models/blobs/infer"), ServeFixtures.inferBody(WARM.get(0)));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(entered.await(10, TimeUnit.SECONDS), "request never reached the model");
      assertEquals("1", s.swap("blobs", ServeFixtures.model("2", 4)));
      assertEquals("2", s.servedVersion("blobs"));
      JsonNode after = JSON.readTree(ServeFixtures.send(client, "POST",
          URI.create(s.uri() + "/v2/models/blobs/infer"), ServeFixtures.inferBody(WARM.get(0)))
          .body());
      assertEquals("2", after.get("model_version").asText());
      release.countDown();
      ServeFixtures.Answer old = inFlight.get(10, TimeUnit.SECONDS);
      assertEquals(200, old.status());
      assertEquals("1", JSON.readTree(old.body()).get("model_version").asText());
    }
  }

  @Test
  @DisplayName("a model that fails its warm-up is refused and the running one stays in service")
  void failedWarmUpKeepsOldModel() throws Exception {
    Predictor<FeatureVector, String> broken = Predictors.of(
        new ModelMetadata("blobs", "9", "host", Map.of()), x -> {
          throw new IllegalStateException("weights missing");
        });
    try (InferenceServer s = builder(ServeFixtures.model("1", 3)).build().start()) {
      CicloException e = assertThrows(CicloException.class, () -> s.swap("blobs", broken));
      assertTrue(e.getMessage().contains("version 9 failed its warm-up"), e.getMessage());
      assertTrue(e.getMessage().contains("version 1 stays"), e.getMessage());
      Predictor<String, String> wrongType = Predictors.of(
          new ModelMetadata("blobs", "8", "host", Map.of()), x -> Prediction.of(x.trim()));
      assertThrows(CicloException.class, () -> s.swap("blobs", wrongType));
      assertEquals("1", s.servedVersion("blobs"));
      ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
          URI.create(s.uri() + "/v2/models/blobs/infer"), ServeFixtures.inferBody(WARM.get(0)));
      assertEquals(200, a.status());
      assertEquals("1", JSON.readTree(a.body()).get("model_version").asText());
      assertEquals(2, ServeFixtures.metric(s.metricsText(), "ciclo_model_swap_failures_total",
          "model", "blobs"));
    }
  }

  @Test
  @DisplayName("only requests with consent are logged; the shadow's answers are logged, never"
      + " returned")
  void consentAndShadow() throws Exception {
    MemoryLog log = new MemoryLog();
    TribuoClassifierModel<FeatureVector> champion = ServeFixtures.model("1", 3);
    Predictor<FeatureVector, String> challenger = Predictors.of(
        new ModelMetadata("blobs", "2", "host", Map.of()), x -> Prediction.of("always-this"));
    try (InferenceServer s = builder(champion).predictionLog(log).build().start()) {
      s.shadow("blobs", challenger);
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      String body = ServeFixtures.inferBody(WARM.get(1));
      ServeFixtures.Answer noConsent = ServeFixtures.send(client, "POST", infer, body);
      ServeFixtures.Answer consent = ServeFixtures.send(client, "POST", infer, body,
          "Ciclo-Consent", "monitoring", "Ciclo-Subject", "user-7", "X-Request-Id", "req-42");
      for (ServeFixtures.Answer a : List.of(noConsent, consent)) {
        assertEquals(200, a.status());
        assertEquals(champion.predict(WARM.get(1)).value(),
            JSON.readTree(a.body()).get("outputs").get(0).get("data").get(0).asText());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (log.records().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(2, log.records().size(), "live and shadow record of the consenting request");
      for (PredictionRecord r : log.records()) {
        assertEquals("req-42", r.requestId());
        assertEquals("user-7", r.subjectId());
        assertEquals(Consent.MONITORING, r.consent());
        assertEquals(Signal.of(WARM.get(1).get(0)), r.signals().get("x0"));
      }
      PredictionRecord live = log.records().stream().filter(r -> r.modelVersion().equals("1"))
          .findFirst().orElseThrow();
      PredictionRecord shadow = log.records().stream().filter(r -> r.modelVersion().equals("2"))
          .findFirst().orElseThrow();
      assertEquals(champion.predict(WARM.get(1)).value(), live.prediction());
      assertEquals("always-this", shadow.prediction());
      String m = s.metricsText();
      assertEquals(2, ServeFixtures.metric(m, "ciclo_shadow_predictions_total",
          "model", "blobs", "version", "2"), m);
      assertEquals(0, ServeFixtures.metric(m, "ciclo_shadow_agreements_total",
          "model", "blobs", "version", "2"), m);
      assertEquals(2, ServeFixtures.metric(m, "ciclo_unlogged_predictions_total",
          "model", "blobs", "reason", "no_consent"), m);
    }
  }

  @Test
  @DisplayName("the builder refuses bad settings with messages that name them")
  void builderChecks() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InferenceServer.builder().port(70_000));
    assertTrue(e.getMessage().contains("port must be between 0 and 65535 but was 70000"));
    assertThrows(IllegalStateException.class, () -> InferenceServer.builder().build());
    assertThrows(IllegalArgumentException.class,
        () -> ServedModel.builder("bad name/x", ServeFixtures.model("1", 1)));
    assertThrows(IllegalStateException.class,
        () -> ServedModel.builder("m", ServeFixtures.model("1", 1)).warmUp(WARM).build());
  }

  private ServeFixtures.Answer get(InferenceServer s, String path) throws Exception {
    return ServeFixtures.send(client, "GET", URI.create(s.uri() + path), null);
  }

  @Test
  @DisplayName("request bodies may hold maxInFlight x maxRequestBytes together, at most a quarter"
      + " of the heap and at least one largest body; a bound that is set is kept")
  void bodyMemoryBound() {
    long quarter = Runtime.getRuntime().maxMemory() / 4;
    assertEquals(Math.min(256L << 22, quarter), InferenceServer.builder().bufferLimit());
    assertEquals(Math.min(4_000, quarter),
        InferenceServer.builder().maxInFlight(4).maxRequestBytes(1_000).bufferLimit());
    long largest = Integer.MAX_VALUE - 8;
    assertTrue(quarter < largest, "heap of " + quarter * 4);
    assertEquals(largest, InferenceServer.builder().maxRequestBytes(largest).bufferLimit());
    assertEquals(123, InferenceServer.builder().maxBufferedBytes(123).bufferLimit());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InferenceServer.builder().maxBufferedBytes(0));
    assertEquals("maxBufferedBytes must be at least 1 but was 0", e.getMessage());
  }

  @Test
  @DisplayName("gRPC's messages may count an eighth of the direct memory limit")
  void grpcBufferLimit() {
    // the limit as the JVM was started, read from its arguments: the heap's when not set
    long direct = Runtime.getRuntime().maxMemory();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-XX:MaxDirectMemorySize=")) {
        direct = Long.parseLong(arg.substring(arg.indexOf('=') + 1).replaceAll("[kKmMgG]$", ""))
            * switch (Character.toLowerCase(arg.charAt(arg.length() - 1))) {
              case 'k' -> 1L << 10;
              case 'm' -> 1L << 20;
              case 'g' -> 1L << 30;
              default -> 1L;
            };
      }
    }
    assertEquals(direct, InferenceServer.Builder.maxDirectMemory());
    InferenceServer.Builder b = InferenceServer.builder().maxBufferedBytes(Long.MAX_VALUE / 2);
    assertEquals(direct / 8, b.grpcBufferLimit());
    // never less than one whole message, never more than the shared budget
    long message = Math.min(direct / 4, Integer.MAX_VALUE - 8);
    assertTrue(message > direct / 8, "direct memory of " + direct);
    assertEquals(message, InferenceServer.builder().maxRequestBytes(message)
        .maxBufferedBytes(Long.MAX_VALUE / 2).grpcBufferLimit());
    assertEquals(1_000, InferenceServer.builder().maxRequestBytes(1_000).maxBufferedBytes(1_000)
        .grpcBufferLimit());
  }
}
