package dev.ciclo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.testing.BlobModels;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2;
import dev.ciclo.serve.testing.ListeningProcess;
import dev.ciclo.speech.SpeechRecipe;
import dev.ciclo.speech.SpeechRequests;
import dev.ciclo.testkit.Required;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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

  private HttpResponse<String> post(URI uri, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
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
    return inferBody(v, 1);
  }

  /** An infer body of {@code rows} copies of {@code v}. */
  private static String inferBody(FeatureVector v, int rows) {
    StringBuilder sb = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"shape\":[")
        .append(rows).append(',').append(v.size()).append("],\"datatype\":\"FP64\",\"data\":[");
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < v.size(); i++) {
        sb.append(r == 0 && i == 0 ? "" : ",").append(v.get(i));
      }
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
        "--poll-ms", "200", "--max-rows", "3");
    try {
      assertTrue(served.uri.toString().startsWith("http://127.0.0.1:"), served.output());
      JsonNode ready = JSON.readTree(send("GET", URI.create(served.uri + "/v2/health/ready"),
          null));
      assertTrue(ready.path("ready").asBoolean(), ready.toString());
      assertEquals("1", servedVersion(served.uri));
      assertTrue(served.output().contains(" serving blobs version 1"), served.output());
      assertFalse(served.output().contains(" INFO "), "logs at WARN: " + served.output());
      for (FeatureVector x : BlobModels.inputs(10, 8)) {
        JsonNode a = JSON.readTree(send("POST",
            URI.create(served.uri + "/v2/models/blobs/infer"), inferBody(x)));
        assertEquals("1", a.path("model_version").asText(), a.toString());
        assertEquals(m1.predict(x).value(), a.path("outputs").path(0).path("data").path(0)
            .asText(), "the process answers as the champion does in-process: " + a);
      }
      // --max-rows 3: four rows are refused with 413
      String four = inferBody(BlobModels.inputs(1, 8).get(0), 4);
      HttpResponse<String> tooMany = client.send(HttpRequest.newBuilder(
          URI.create(served.uri + "/v2/models/blobs/infer")).timeout(Duration.ofSeconds(20))
          .POST(HttpRequest.BodyPublishers.ofString(four)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(413, tooMany.statusCode(), four + " -> " + tooMany.body());
      ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", served.grpcPort)
          .usePlaintext().build();
      try {
        assertTrue(GRPCInferenceServiceGrpc.newBlockingStub(ch)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .serverLive(GrpcPredictV2.ServerLiveRequest.newBuilder().build()).getLive());
        // messages over the size limit: each answered RESOURCE_EXHAUSTED, none logged with a
        // stack trace (a client could fill the log with them)
        GrpcPredictV2.ModelInferRequest big = GrpcPredictV2.ModelInferRequest.newBuilder()
            .setModelName("blobs").addRawInputContents(com.google.protobuf.ByteString
                .copyFrom(new byte[5 << 20])).build();
        for (int i = 0; i < 5; i++) {
          io.grpc.StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
              io.grpc.StatusRuntimeException.class, () -> GRPCInferenceServiceGrpc
                  .newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS).modelInfer(big));
          assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        }
        assertTrue(GRPCInferenceServiceGrpc.newBlockingStub(ch)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .serverLive(GrpcPredictV2.ServerLiveRequest.newBuilder().build()).getLive());
        // and requests with two Host headers: 400 each, no line in the log either
        for (int i = 0; i < 3; i++) {
          try (java.net.Socket s = new java.net.Socket("127.0.0.1", served.uri.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /v2/health/live HTTP/1.1\r\nHost: a\r\n"
                + "Host: b\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(
                s.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
            assertTrue(line.startsWith("HTTP/1.1 400 "), line);
          }
        }
        Thread.sleep(500); // the child's output is read by another thread
        assertFalse(served.output().contains("Exception processing message"),
            "oversized messages logged: " + served.output());
        assertFalse(served.output().contains("multiple `Host` headers"),
            "two Host headers logged: " + served.output());
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

  /** A small speech model of the demo's kind (one network), trained on two FSDD speakers. */
  private static Model<FeatureVector, String> speechModel(SpeechRecipe recipe, Path recordings) {
    List<Example<AudioClip, String>> ex = new ArrayList<>();
    for (String speaker : List.of("george", "jackson")) {
      for (int digit = 0; digit < 10; digit++) {
        for (int i = 0; i < 8; i++) {
          String id = digit + "_" + speaker + "_" + i;
          ex.add(Example.of(id, Wav.read(recordings.resolve(id + ".wav")),
              Integer.toString(digit)).withGroup(speaker));
        }
      }
    }
    return recipe.trainer().train(recipe.extract(Dataset.of("fsdd-two-speakers", ex)), 7);
  }

  @Test
  @DisplayName("java -jar ciclo.jar serve serves a speech model (format ciclo-speech-v1, as the"
      + " demo registers) from a workspace and from its version folder: a real FSDD WAV gets"
      + " the in-process model's digit over REST and gRPC, silence gets \"no speech\", samples"
      + " out of range a 400, and --token-file guards it")
  void servesASpeechModel(@TempDir Path dir) throws Exception {
    Path recordings = Required.data("fsdd/recordings");
    SpeechRecipe recipe = SpeechRecipe.builder().members(1).epochs(3).noisyCopies(0)
        .speedCopies(0).noSpeechExamples(0).progress(SpeechRecipe.Progress.OFF).build();
    FileModelRegistry registry = FileModelRegistry.builder(Workspace.open(dir.resolve("ws")))
        .loader(recipe.loader()).build();
    ModelVersion v = registry.register("digits", speechModel(recipe, recordings), run("r1"));
    registry.setAlias("digits", "champion", v.version(), "first");
    assertEquals("ciclo-speech-v1", v.format());
    Predictor<AudioClip, String> inProcess = recipe.onAudio(
        registry.load(v, FeatureVector.class, String.class));

    // a speaker the model never heard, as the app sends the file
    byte[] wav = Files.readAllBytes(recordings.resolve("7_theo_3.wav"));
    AudioClip clip = SpeechRequests.defaults().decode(wav);
    Prediction<String> expected = inProcess.predict(clip);
    assertTrue(expected.value().matches("[0-9]"), expected.toString());
    byte[] silence = Wav.encode(AudioClip.of(new float[8000], 8000), SampleFormat.PCM_16);
    float[] loud = new float[800];
    loud[10] = 1e38f;
    byte[] outOfRange = Wav.encode(AudioClip.of(loud, 8000), SampleFormat.FLOAT_32);

    ListeningProcess served = serve("--workspace", dir.resolve("ws").toString(), "--model",
        "digits");
    try {
      assertTrue(served.output().contains(" serving digits version 1"), served.output());
      assertFalse(served.output().contains(" INFO "), "logs at WARN: " + served.output());
      URI predict = URI.create(served.uri + "/models/digits/predict");
      HttpResponse<String> a = post(predict, wav);
      assertEquals(200, a.statusCode(), a.body());
      JsonNode n = JSON.readTree(a.body());
      assertEquals(expected.value(), n.path("prediction").asText(), a.body());
      assertEquals(expected.scores().get(expected.value()),
          n.path("scores").path(expected.value()).asDouble(), 1e-5, a.body());
      assertEquals("1", n.path("model_version").asText(), a.body());
      a = post(predict, silence);
      assertEquals(200, a.statusCode(), a.body());
      assertEquals(SpeechRecipe.NO_SPEECH, JSON.readTree(a.body()).path("prediction").asText());
      a = post(predict, outOfRange);
      assertEquals(400, a.statusCode(), a.body());
      assertTrue(a.body().contains("WAV samples must be between -1 and 1 but sample 10 was"
          + " 1.0E38"), a.body());
      // gRPC: a row of the recipe's features, as any model's tensor
      FeatureVector x = recipe.features().extract(clip);
      GrpcPredictV2.InferTensorContents.Builder c = GrpcPredictV2.InferTensorContents.newBuilder();
      for (int i = 0; i < x.size(); i++) {
        c.addFp64Contents(x.get(i));
      }
      ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", served.grpcPort)
          .usePlaintext().build();
      try {
        GrpcPredictV2.ModelInferResponse r = GRPCInferenceServiceGrpc.newBlockingStub(ch)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .modelInfer(GrpcPredictV2.ModelInferRequest.newBuilder().setModelName("digits")
                .addInputs(GrpcPredictV2.ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("input").setDatatype("FP64").addShape(1).addShape(x.size())
                    .setContents(c))
                .build());
        assertEquals(expected.value(), r.getOutputs(0).getContents().getBytesContents(0)
            .toStringUtf8(), r.toString());
      } finally {
        ch.shutdownNow();
      }
    } finally {
      served.close();
    }

    // the version folder, as KServe's storage initializer copies it: served under the
    // registry's name "digits" (from version.json), and behind the token in a file
    Path token = Files.writeString(dir.resolve("token"), "t0ken\n");
    served = serve("--model-dir", dir.resolve("ws/models/digits/v1").toString(), "--token-file",
        token.toString());
    try {
      assertTrue(served.output().contains(" serving digits version 1"), served.output());
      URI predict = URI.create(served.uri + "/models/digits/predict");
      assertEquals(401, post(predict, wav).statusCode());
      HttpResponse<String> a = post(predict, wav, "Authorization", "Bearer t0ken");
      assertEquals(200, a.statusCode(), a.body());
      assertEquals(expected.value(), JSON.readTree(a.body()).path("prediction").asText());
    } finally {
      served.close();
    }
  }
}
