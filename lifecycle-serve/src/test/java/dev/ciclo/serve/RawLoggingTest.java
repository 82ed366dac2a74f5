package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.predict.Predictors;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawLoggingTest {
  private static final List<FeatureVector> WARM = ServeFixtures.inputs(4, 1);
  private final HttpClient client = HttpClient.newHttpClient();
  @TempDir Path dir;

  private static ServedModel<String> echo() {
    return ServedModel.builder("echo", Predictors.of(
            new ModelMetadata("echo", "1", "host", Map.of()), (String q) -> Prediction.of("ok")))
        .bytesInput(b -> new String(b, StandardCharsets.UTF_8))
        .signals(q -> Map.of("length", Signal.of(q.length())))
        .warmUp(List.of("warm")).build();
  }

  private static List<PredictionRecord> records(FilePredictionLog log) {
    return log.scan(Instant.EPOCH, Instant.MAX).records();
  }

  @Test
  @DisplayName("the server records a request as it arrived: a body as bytes with its media type"
      + " and a v2 tensor as a tensor under training consent; signals only under monitoring;"
      + " a bad media type or a payload over the cap is answered, not logged, and counted")
  void recordsAsArrived() throws Exception {
    ServedModel<String> echo = echo();
    assertEquals(Set.of("length"), echo.signalNames());
    try (FilePredictionLog log = FilePredictionLog.builder(dir).maxPayloadBytes(64).build();
        InferenceServer s = InferenceServer.builder().port(0).threads(2)
            .stopGrace(Duration.ZERO).predictionLog(log).serve(echo)
            .serve(ServedModel.features("blobs", ServeFixtures.model("1", 3),
                ServeFixtures.NAMES, WARM))
            .build().start()) {
      URI echoUri = URI.create(s.uri() + "/models/echo/predict");
      String[][] cases = {
        {"hello", "text/plain; charset=UTF-8", "training", "r1"},
        {"watch", "text/plain; charset=UTF-8", "monitoring", "r2"},
        {"movie", "video/mp4", "training", "r3"},
        {"x".repeat(65), "text/plain; charset=UTF-8", "training", "r4"},
        {"quiet", "text/plain; charset=UTF-8", "none", "r5"},
      };
      for (String[] c : cases) {
        ServeFixtures.Answer a = ServeFixtures.send(client, "POST", echoUri, c[0],
            "Content-Type", c[1], "Ciclo-Consent", c[2], "X-Request-Id", c[3]);
        assertEquals(200, a.status(), c[3] + ": " + a.body());
      }
      ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
          URI.create(s.uri() + "/v2/models/blobs/infer"), ServeFixtures.inferBody(WARM.get(2)),
          "Ciclo-Consent", "training", "X-Request-Id", "t1");
      assertEquals(200, a.status(), a.body());

      List<PredictionRecord> rs = records(log);
      assertEquals(List.of("r1", "r2", "t1"), rs.stream().map(PredictionRecord::requestId)
          .toList());
      assertEquals(RawPayload.of("text/plain;charset=utf-8",
          "hello".getBytes(StandardCharsets.UTF_8)), log.payload(rs.get(0)).orElseThrow());
      assertEquals(Map.of("length", Signal.of(5)), rs.get(0).signals());
      assertTrue(rs.get(1).input().isEmpty(), "monitoring consent keeps no raw input");
      assertEquals(Map.of("length", Signal.of(5)), rs.get(1).signals());
      Payload tensor = log.payload(rs.get(2)).orElseThrow();
      assertArrayEquals(new long[] {1, WARM.get(2).size()}, ((TensorPayload) tensor).shape());
      assertArrayEquals(WARM.get(2).toArray(), ((TensorPayload) tensor).doubles());
      assertEquals(Consent.TRAINING, rs.get(2).consent());

      String m = s.metricsText();
      assertTrue(m.contains("ciclo_unlogged_predictions_total{model=\"echo\","
          + "reason=\"unknown_media_type\"} 1"), m);
      assertTrue(m.contains("ciclo_unlogged_predictions_total{model=\"echo\","
          + "reason=\"payload_too_large\"} 1"), m);
      assertTrue(m.contains("ciclo_unlogged_predictions_total{model=\"echo\","
          + "reason=\"no_consent\"} 1"), m);
    }
  }
}
