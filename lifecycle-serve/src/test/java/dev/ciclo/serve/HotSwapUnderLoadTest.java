package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HotSwapUnderLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "inlinePredictions {0} us")
  @ValueSource(longs = {0, 200})
  @DisplayName("swapping models back and forth under concurrent load fails no request, and each"
      + " answer is exactly the answer of the version it names (on pool threads, and with"
      + " predictions on the selector thread, the default)")
  void zeroFailedRequests(long inlineMicros) throws Exception {
    List<FeatureVector> inputs = ServeFixtures.inputs(20, 5);
    Map<String, TribuoClassifierModel<FeatureVector>> models = Map.of(
        "1", ServeFixtures.model("1", 3), "2", ServeFixtures.model("2", 99));
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (InferenceServer s = InferenceServer.builder().port(0).threads(4)
        .stopGrace(Duration.ZERO).inlinePredictions(Duration.ofNanos(inlineMicros * 1000))
        .serve(ServedModel.features("blobs", models.get("1"), ServeFixtures.NAMES,
            inputs.subList(0, 3)))
        .build().start()) {
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        running.add(clients.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .build();
          for (int i = 0; i < 3_000 && !stop.get() && System.nanoTime() < deadline; i++) {
            FeatureVector x = inputs.get((i + seed) % inputs.size());
            try {
              ServeFixtures.Answer a =
                  ServeFixtures.send(client, "POST", infer, ServeFixtures.inferBody(x));
              JsonNode n = JSON.readTree(a.body());
              String v = n.path("model_version").asText();
              Prediction<String> expected = models.get(v) == null ? null
                  : models.get(v).predict(x);
              if (a.status() != 200 || expected == null || !expected.value()
                  .equals(n.path("outputs").path(0).path("data").path(0).asText())) {
                failed.incrementAndGet();
                synchronized (failures) {
                  failures.add(a.status() + " " + a.body());
                }
              } else {
                ok.incrementAndGet();
                versionsSeen.add(v);
              }
            } catch (Exception e) {
              failed.incrementAndGet();
              synchronized (failures) {
                failures.add(e.toString());
              }
            }
          }
          return null;
        }));
      }
      for (int swap = 0; swap < 20 && System.nanoTime() < deadline; swap++) {
        // Paced by answers, not by the clock: on a busy machine 50 ms may see no answer at all.
        int before = ok.get() + failed.get();
        while (ok.get() + failed.get() < before + 5 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        s.swap("blobs", models.get(swap % 2 == 0 ? "2" : "1"));
      }
      while (ok.get() + failed.get() <= 100 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      stop.set(true);
      for (Future<?> f : running) {
        f.get(20, TimeUnit.SECONDS);
      }
      assertEquals(0, failed.get(), "failed requests: " + failures.subList(0,
          Math.min(5, failures.size())));
      assertTrue(ok.get() > 100, "too few requests to mean anything: " + ok.get());
      assertEquals(Set.of("1", "2"), versionsSeen);
      assertEquals(20, ServeFixtures.metric(s.metricsText(), "ciclo_model_swaps_total",
          "model", "blobs"));
    } finally {
      clients.shutdownNow();
    }
  }
}
