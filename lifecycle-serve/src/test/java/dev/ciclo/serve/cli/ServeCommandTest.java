package dev.ciclo.serve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.serve.ServedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.serve.ServeFixtures;
import dev.ciclo.serve.testing.ListeningProcess;
import dev.ciclo.serve.testing.ServerSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
  @DisplayName("the server's limits from the command line (--max-rows, --max-request-bytes) are"
      + " those it answers by; a bad value names its option before anything is served")
  void limitsFromCommandLine() throws Exception {
    registryWithChampion(dir);
    ServeOptions options = ServeCommand.parse("--registry", dir.toString(), "--host",
        "127.0.0.1", "--port", "0", "--grpc-port", "-1", "--max-rows", "2",
        "--max-request-bytes", "2000", "--threads", "3");
    int width = ServeFixtures.NAMES.size();
    try (ServeCommand.Running running = ServeCommand.start(options)) {
      URI infer = URI.create(running.uri() + "/v2/models/blobs/infer");
      assertEquals(200, ServeFixtures.send(client, "POST", infer, rows(2, width)).status());
      ServeFixtures.Answer three = ServeFixtures.send(client, "POST", infer, rows(3, width));
      assertEquals(413, three.status(), three.body());
      assertTrue(three.body().contains("2"), three.body());
      String padded = rows(1, width).replace("{\"inputs\"", "{\"id\":\"" + "x".repeat(2000)
          + "\",\"inputs\"");
      assertEquals(413, ServeFixtures.send(client, "POST", infer, padded).status());
    }
    IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--threads", "many"));
    assertTrue(word.getMessage().contains("--threads") && word.getMessage().contains("'many'"),
        word.getMessage());
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--port", "99999999999"));
    assertTrue(port.getMessage().contains("--port"), port.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--max-in-flight", "0"));
    assertTrue(zero.getMessage().contains("maxInFlight"), zero.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--max-buffered-bytes", "0"));
    assertEquals("--max-buffered-bytes 0: maxBufferedBytes must be at least 1 but was 0",
        none.getMessage());
    IllegalArgumentException inline = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--inline-micros", "1000001"));
    assertEquals("--inline-micros 1000001: inlinePredictions must be between 0 and 1 s but was"
        + " PT1.000001S", inline.getMessage());
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--inline-micros", Long.toString(Long.MAX_VALUE)));
    assertTrue(huge.getMessage().startsWith("--inline-micros " + Long.MAX_VALUE
        + ": inlinePredictions must be"), huge.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse("--max-everything", "1"));
    for (ServerFlag limit : ServerFlag.values()) {
      // every limit is taken, checked, and named when an option is unknown
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ServeCommand.parse(limit.flag(), "many"));
      assertEquals(limit.flag() + " must be a whole number but was 'many'", e.getMessage());
      assertTrue(unknown.getMessage().contains(limit.flag() + " N"), unknown.getMessage());
      assertEquals(limit, ServerFlag.of(limit.flag()));
    }
  }

  /** A registry at {@code ws} whose model {@code blobs} has one version, its champion. */
  private static void registryWithChampion(Path ws) {
    FileModelRegistry r = ReplicasTest.registry(ws);
    r.register("blobs", ServeFixtures.model("a", 3), ReplicasTest.run("r1"));
    r.setAlias("blobs", "champion", 1, "first");
  }

  /** An infer body of {@code n} rows of {@code width} values. */
  private static String rows(int n, int width) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < n * width; i++) {
      data.append(i == 0 ? "" : ",").append(0.5 * i);
    }
    return "{\"inputs\":[{\"name\":\"input\",\"shape\":[" + n + "," + width
        + "],\"datatype\":\"FP64\",\"data\":[" + data + "]}]}";
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

  @Test
  @DisplayName("with 32 MiB of direct memory the serve command's gRPC port holds 32 connections by"
      + " default (each one's 128 KiB window within an eighth of it), while REST's holds all 60")
  void grpcConnectionsWithinDirectMemory() throws Exception {
    Path ws = dir.resolve("ws");
    registryWithChampion(ws);
    int grpcLimit = (32 << 20) / 8 / (128 << 10);
    int bare = 60;
    List<Socket> sockets = new ArrayList<>();
    // a header deadline longer than the test: only the limit keeps connections out
    try (ListeningProcess p = ServeProcess.start(List.of("-XX:MaxDirectMemorySize=32m"),
        "--registry", ws.toString(), "--model", "blobs", "--header-timeout-ms", "60000")) {
      for (int port : new int[] {p.grpcPort, p.uri.getPort()}) {
        for (int i = 0; i < bare; i++) {
          Socket s = new Socket();
          sockets.add(s);
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        }
      }
      long pid = p.process.pid();
      int grpcMost = 0;
      int grpcHeld = 0;
      int restHeld = 0;
      for (long until = System.nanoTime() + 1_500_000_000L; System.nanoTime() < until; ) {
        grpcHeld = ServerSockets.held(pid, p.grpcPort);
        grpcMost = Math.max(grpcMost, grpcHeld);
        restHeld = Math.max(restHeld, ServerSockets.held(pid, p.uri.getPort()));
        Thread.sleep(50);
      }
      assertTrue(grpcMost <= grpcLimit, "the gRPC port held " + grpcMost + " of " + bare
          + " connections; with 32 MiB of direct memory the default limit is " + grpcLimit);
      // a read of /proc/net/tcp may miss a line that moved while it was read: take two
      assertEquals(grpcLimit, Math.max(grpcHeld, ServerSockets.held(pid, p.grpcPort)),
          "the gRPC port accepts up to its limit");
      assertEquals(bare, restHeld, "REST's limit follows the file descriptors alone");
      // still answering REST
      assertEquals(200, ServeFixtures.send(client, "GET",
          URI.create(p.uri + "/v2/health/ready"), null).status());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  @DisplayName("a model directory is served under the model name in its version.json, not the"
      + " name in the model file; --model still wins")
  void modelDirectoryName() throws Exception {
    Path ws = dir.resolve("ws");
    FileModelRegistry r = ReplicasTest.registry(ws);
    // the file's own metadata says "blobs"; the registry knows it as "digits"
    TribuoClassifierModel<FeatureVector> m = ServeFixtures.model("a", 3);
    r.register("digits", m, ReplicasTest.run("r1"));
    Path version = ws.resolve("models/digits/v1");
    try (ServeCommand.Running running = ServeCommand.start(ServeOptions.builder()
        .modelDir(version).host(InetAddress.getLoopbackAddress()).port(0).grpcPort(-1).build())) {
      assertEquals(List.of("digits"), running.server().modelNames());
      assertEquals("1", running.server().servedVersion("digits"));
      assertEquals(200, ServeFixtures.send(client, "GET",
          URI.create(running.uri() + "/v2/models/digits"), null).status());
    }
    try (ServeCommand.Running running = ServeCommand.start(ServeOptions.builder()
        .modelDir(version).model("other").host(InetAddress.getLoopbackAddress()).port(0)
        .grpcPort(-1).build())) {
      assertEquals(List.of("other"), running.server().modelNames());
    }
  }

  @Test
  @DisplayName("the bearer token from a file's first line; a blank or missing file is refused"
      + " naming it")
  void tokenFile() throws Exception {
    Path f = dir.resolve("token");
    Files.writeString(f, "  s3cret \nsecond line\n");
    assertEquals("s3cret", ServeOptions.builder().bearerTokenFile(f).build().token()
        .orElseThrow());
    assertEquals("s3cret", ServeCommand.parse("--token-file", f.toString()).token()
        .orElseThrow());
    // Windows editors start UTF-8 files with a byte order mark: not part of the token
    Files.writeString(f, "\uFEFFs3cret\r\n");
    assertEquals("s3cret", ServeOptions.builder().bearerTokenFile(f).build().token()
        .orElseThrow());
    Files.writeString(f, "\n");
    assertEquals("token file " + f + " must hold the token on its first line but that line is"
        + " blank", assertThrows(IllegalArgumentException.class,
            () -> ServeOptions.builder().bearerTokenFile(f)).getMessage());
    Path none = dir.resolve("absent");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.builder().bearerTokenFile(none)).getMessage()
        .startsWith("token file " + none + " cannot be read"));
  }

  /** A model of a format the serve command does not know: "long" for inputs over n chars. */
  private record LengthModel(int n, ModelMetadata metadata) implements Model<String, String> {
    static final String FORMAT = "test-length-v1";

    @Override
    public Prediction<String> predict(String input) {
      return Prediction.of(input.length() > n ? "long" : "short");
    }

    @Override
    public String format() {
      return FORMAT;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      new DataOutputStream(out).writeInt(n);
    }
  }

  private static final ServedFormat<String> LENGTH = new ServedFormat<>() {
    @Override
    public ModelLoader<String, ?> loader() {
      return new ModelLoader<String, String>() {
        @Override
        public String format() {
          return LengthModel.FORMAT;
        }

        @Override
        public Model<String, String> read(InputStream in, ModelMetadata metadata)
            throws IOException {
          return new LengthModel(new DataInputStream(in).readInt(), metadata);
        }
      };
    }

    @Override
    public ServedModel<String> serve(String name, Predictor<String, ?> predictor) {
      Function<byte[], String> text = b -> new String(b, StandardCharsets.UTF_8);
      return ServedModel.builder(name, predictor).bytesInput(text).warmUp(List.of("warm"))
          .build();
    }
  };

  @Test
  @DisplayName("a format the options add is served from a registry and a model directory on raw"
      + " bodies; without it the error names the format and the formats served")
  void addedFormat() throws Exception {
    Path ws = dir.resolve("ws");
    FileModelRegistry r = FileModelRegistry.builder(ws.resolve("models"))
        .loader(LENGTH.loader()).build();
    r.register("words", new LengthModel(3, new ModelMetadata("length", "0", "test", Map.of())),
        ReplicasTest.run("r1"));
    for (ServeOptions.Builder b : List.of(ServeOptions.builder().registry(ws),
        ServeOptions.builder().modelDir(ws.resolve("models/words/v1")))) {
      try (ServeCommand.Running running = ServeCommand.start(b.format(LENGTH)
          .host(InetAddress.getLoopbackAddress()).port(0).grpcPort(-1).build())) {
        ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
            URI.create(running.uri() + "/models/words/predict"), "lengthy");
        assertEquals(200, a.status(), a.body());
        JsonNode n = ReplicasTest.JSON.readTree(a.body());
        assertEquals("long", n.path("prediction").asText(), a.body());
        assertEquals("1", n.path("model_version").asText(), a.body());
      }
    }
    CicloException e = assertThrows(CicloException.class, () -> ServeCommand.start(
        ServeOptions.builder().registry(ws).host(InetAddress.getLoopbackAddress()).port(0)
            .grpcPort(-1).build()));
    assertTrue(e.getMessage().contains("has format 'test-length-v1' but this serve command"
        + " serves the formats [tribuo-protobuf]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.builder().format(LENGTH).format(LENGTH));
  }
}
