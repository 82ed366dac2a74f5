package dev.ciclo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.testing.BlobModels;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2;
import dev.ciclo.serve.testing.ListeningProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar ciclo.jar serve} as a separate process, as a user starts it: on loopback and
 * free ports, over a workspace's registry; REST and gRPC answered, a promotion followed, and the
 * process ends on SIGTERM. The same approach as lifecycle-serve's {@code ServeCommandTest} (a
 * child JVM that prints "listening on URI grpc PORT" when ready), through the shaded jar's
 * picocli front instead of {@code ServeCommand.main}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeJarIT {
  private static final Path JAR = Path.of(System.getProperty("ciclo.jar", "target/ciclo.jar"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  /** {@code ciclo serve} from the jar in a child JVM, on loopback and free ports. */
  private static ListeningProcess serve(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CicloJarIT.java(), "-Xmx256m", "-jar",
        JAR.toString(), "serve", "--host", "127.0.0.1", "--port", "0", "--grpc-port", "0"));
    cmd.addAll(List.of(args));
    return new ListeningProcess("ciclo serve", cmd, Duration.ofSeconds(90),
        Duration.ofSeconds(20));
  }

  private static RunRecord run(String id) {
    return new RunRecord(id, "logistic", Map.of(), 7, Map.of(), List.of(), Map.of(), Map.of(),
        Instant.parse("2026-03-01T09:00:00Z"), Duration.ofSeconds(1), RunOutcome.COMPLETED,
        List.of());
  }

  private String send(String method, URI uri, String body) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> a = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, a.statusCode(), method + " " + uri + ": " + a.body());
    return a.body();
  }

  private static String inferBody(FeatureVector v) {
    StringBuilder sb = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,")
        .append(v.size()).append("],\"datatype\":\"FP64\",\"data\":[");
    for (int i = 0; i < v.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(v.get(i));
    }
    return sb.append("]}]}").toString();
  }

  private String servedVersion(URI base) throws Exception {
    return JSON.readTree(send("GET", URI.create(base + "/v2/models/blobs"), null))
        .path("versions").path(0).asText();
  }

  @Test
  @DisplayName("java -jar ciclo.jar serve on a workspace: ready, the champion's answers over"
      + " REST, gRPC ServerLive, a promotion followed, and it stops on SIGTERM")
  void servesAWorkspace(@TempDir Path dir) throws Exception {
    FileModelRegistry registry = FileModelRegistry.builder(Workspace.open(dir))
        .loader(TribuoModelLoader.of(FeatureExtractor.identity())).build();
    TribuoClassifierModel<FeatureVector> m1 = BlobModels.model("a", 3);
    TribuoClassifierModel<FeatureVector> m2 = BlobModels.model("b", 99);
    registry.register("blobs", m1, run("r1"));
    registry.register("blobs", m2, run("r2"));
    registry.setAlias("blobs", "champion", 1, "first");

    ListeningProcess served = serve("--workspace", dir.toString(), "--model", "blobs",
        "--poll-ms", "200");
    try {
      assertTrue(served.uri.toString().startsWith("http://127.0.0.1:"), served.output());
      JsonNode ready = JSON.readTree(send("GET", URI.create(served.uri + "/v2/health/ready"),
          null));
      assertTrue(ready.path("ready").asBoolean(), ready.toString());
      assertEquals("1", servedVersion(served.uri));
      for (FeatureVector x : BlobModels.inputs(10, 8)) {
        JsonNode a = JSON.readTree(send("POST",
            URI.create(served.uri + "/v2/models/blobs/infer"), inferBody(x)));
        assertEquals("1", a.path("model_version").asText(), a.toString());
        assertEquals(m1.predict(x).value(), a.path("outputs").path(0).path("data").path(0)
            .asText(), "the process answers as the champion does in-process: " + a);
      }
      ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", served.grpcPort)
          .usePlaintext().build();
      try {
        assertTrue(GRPCInferenceServiceGrpc.newBlockingStub(ch)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .serverLive(GrpcPredictV2.ServerLiveRequest.newBuilder().build()).getLive());
      } finally {
        ch.shutdownNow();
      }
      // a promotion in the registry is served within the poll interval
      registry.setAlias("blobs", "champion", 2, "promoted");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!servedVersion(served.uri).equals("2") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals("2", servedVersion(served.uri), served.output());
      FeatureVector x = BlobModels.inputs(1, 5).get(0);
      JsonNode a = JSON.readTree(send("POST", URI.create(served.uri + "/v2/models/blobs/infer"),
          inferBody(x)));
      assertEquals(m2.predict(x).value(), a.path("outputs").path(0).path("data").path(0)
          .asText(), a.toString());
    } finally {
      served.close();
    }
    assertTrue(!served.process.isAlive(), "ciclo serve ends on SIGTERM");
    // the JVM's code for an orderly exit on SIGTERM: the shutdown hook closed the server
    assertEquals(143, served.process.exitValue(), served.output());
  }
}
