package dev.ciclo.serve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.serve.ServeFixtures;
import dev.ciclo.serve.testing.ListeningProcess;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServeCommandTest {
  @TempDir Path dir;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  private static double[] row(FeatureVector x) {
    double[] r = new double[x.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = x.get(i);
    }
    return r;
  }

  private void assertServes(URI base, String version, TribuoClassifierModel<FeatureVector> m)
      throws Exception {
    JsonNode md = ReplicasTest.JSON.readTree(ServeFixtures.send(client, "GET",
        URI.create(base + "/v2/models/blobs"), null).body());
    assertEquals(version, md.path("versions").path(0).asText(), md.toString());
    assertEquals("input", md.path("inputs").path(0).path("name").asText(), md.toString());
    assertEquals("FP64", md.path("inputs").path(0).path("datatype").asText(), md.toString());
    assertEquals("label", md.path("outputs").path(0).path("name").asText(), md.toString());
    assertEquals("BYTES", md.path("outputs").path(0).path("datatype").asText(), md.toString());
    for (FeatureVector x : ServeFixtures.inputs(10, 8)) {
      JsonNode a = ReplicasTest.JSON.readTree(ServeFixtures.send(client, "POST",
          URI.create(base + "/v2/models/blobs/infer"), ServeFixtures.inferBody(
              FeatureVector.of(ServeFixtures.NAMES, row(x)))).body());
      assertEquals(m.predict(x).value(), a.path("outputs").path(0).path("data").path(0).asText());
    }
  }

  @Test
  @DisplayName("as a plain method with options: serves the registry's champion under its"
      + " registered version")
  void inProcess() throws Exception {
    FileModelRegistry r = ReplicasTest.registry(dir);
    TribuoClassifierModel<FeatureVector> m1 = ServeFixtures.model("a", 3);
    r.register("blobs", m1, ReplicasTest.run("r1"));
    r.register("blobs", ServeFixtures.model("b", 99), ReplicasTest.run("r2"));
    r.setAlias("blobs", "champion", 1, "first");
    try (ServeCommand.Running running = ServeCommand.start(ServeOptions.builder()
        .registry(dir).host(InetAddress.getLoopbackAddress()).port(0).grpcPort(-1).build())) {
      assertServes(running.uri(), "1", m1);
    }
    assertThrows(IllegalStateException.class, () -> ServeOptions.builder().registry(dir)
        .modelDir(dir).build());
    assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse("--nope", "x"));
  }

  @Test
  @DisplayName("as a separate process over a KServe-style model directory: health, metadata with"
      + " the registered version, the same answers as in-process")
  void modelDirectoryProcess() throws Exception {
    Path ws = dir.resolve("ws");
    FileModelRegistry r = ReplicasTest.registry(ws);
    r.register("blobs", ServeFixtures.model("a", 3), ReplicasTest.run("r1"));
    TribuoClassifierModel<FeatureVector> m2 = ServeFixtures.model("b", 99);
    r.register("blobs", m2, ReplicasTest.run("r2"));
    // What KServe's storage initializer leaves at /mnt/models: one version's files.
    Path mnt = Files.createDirectories(dir.resolve("mnt/models"));
    try (Stream<Path> files = Files.list(ws.resolve("models/blobs/v2"))) {
      for (Path f : files.toList()) {
        Files.copy(f, mnt.resolve(f.getFileName()));
      }
    }
    try (ListeningProcess p =
        ServeProcess.start("--model-dir", mnt.toString(), "--model", "blobs")) {
      ServeFixtures.Answer ready = ServeFixtures.send(client, "GET",
          URI.create(p.uri + "/v2/health/ready"), null);
      assertEquals(200, ready.status());
      assertTrue(ready.body().contains("true"), ready.body());
      assertServes(p.uri, "2", m2);
      io.grpc.ManagedChannel ch = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
          .forAddress("127.0.0.1", p.grpcPort).usePlaintext().build();
      try {
        var stub = dev.ciclo.serve.internal.GRPCInferenceServiceGrpc.newBlockingStub(ch);
        assertEquals("2", stub.modelMetadata(dev.ciclo.serve.internal.GrpcPredictV2
            .ModelMetadataRequest.newBuilder().setName("blobs").build()).getVersions(0));
      } finally {
        ch.shutdownNow();
      }
    }
  }
}
