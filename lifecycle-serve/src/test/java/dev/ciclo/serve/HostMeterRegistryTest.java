package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostMeterRegistryTest {
  @Test
  @DisplayName("with the host's MeterRegistry, requests are counted and timed there per model,"
      + " version and code; /metrics is not served")
  void hostRegistry() throws Exception {
    SimpleMeterRegistry host = new SimpleMeterRegistry();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (InferenceServer s = InferenceServer.builder().port(0).stopGrace(Duration.ZERO)
        .meterRegistry(host)
        .serve(ServedModel.features("blobs", ServeFixtures.model("4", 3), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start()) {
      assertSame(host, s.meterRegistry());
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      for (int i = 0; i < 2; i++) {
        assertEquals(200, ServeFixtures.send(client, "POST", infer,
            ServeFixtures.inferBody(ServeFixtures.inputs(1, i).get(0))).status());
      }
      assertEquals(400, ServeFixtures.send(client, "POST", infer, "{").status());
      assertEquals(2, host.get("ciclo.http.requests").tags("model", "blobs", "version", "4",
          "endpoint", "infer", "code", "200").counter().count());
      assertEquals(1, host.get("ciclo.http.requests").tags("model", "blobs", "code", "400")
          .counter().count());
      Timer t = host.get("ciclo.http.request.duration").tags("model", "blobs", "version", "4",
          "code", "200").timer();
      assertEquals(2, t.count());
      assertTrue(t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
      assertEquals(1, host.get("ciclo.model.version.info").tags("model", "blobs", "version", "4")
          .gauge().value());
      assertEquals(404, ServeFixtures.send(client, "GET", URI.create(s.uri() + "/metrics"), null)
          .status());
      assertThrows(IllegalStateException.class, s::metricsText);
    }
  }
}
