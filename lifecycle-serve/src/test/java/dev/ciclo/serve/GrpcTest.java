package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.testing.MemoryLog;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2.InferParameter;
import dev.ciclo.serve.internal.GrpcPredictV2.InferTensorContents;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelMetadataRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelMetadataResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelReadyRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerLiveRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** OIP v2 over gRPC beside REST: same models, answers, token, logging, hot swap, limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "g-t0ken";

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private final MemoryLog log = new MemoryLog();
  private TribuoClassifierModel<FeatureVector> model;
  private InferenceServer server;
  private ManagedChannel channel;
  private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;
  private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub anonymous;

  @BeforeAll
  void start() {
    model = ServeFixtures.model("5", 21);
    server = InferenceServer.builder().port(0).grpcPort(0).bearerToken(TOKEN)
        .maxRowsPerRequest(50).predictionLog(log).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", model, ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext()
        .build();
    Metadata auth = new Metadata();
    auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + TOKEN);
    anonymous = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    stub = anonymous.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
  }

  @AfterAll
  void stop() {
    channel.shutdownNow();
    server.close();
  }

  static ModelInferRequest request(List<FeatureVector> rows, String consent) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (FeatureVector x : rows) {
      for (int i = 0; i < x.size(); i++) {
        c.addFp64Contents(x.get(i));
      }
    }
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("blobs")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x")
            .setDatatype("FP64").addShape(rows.size()).addShape(4).setContents(c));
    if (consent != null) {
      b.putParameters("consent", InferParameter.newBuilder().setStringParam(consent).build());
    }
    return b.build();
  }

  /** The predictions a gRPC answer holds. */
  private static List<Prediction<String>> predictions(ModelInferResponse a) {
    Map<String, ModelInferResponse.InferOutputTensor> byName = new java.util.HashMap<>();
    a.getOutputsList().forEach(o -> byName.put(o.getName(), o));
    List<String> labels = byName.get("score_labels").getContents().getBytesContentsList()
        .stream().map(ByteString::toStringUtf8).toList();
    List<Double> scores = byName.get("scores").getContents().getFp64ContentsList();
    List<Prediction<String>> out = new ArrayList<>();
    List<ByteString> values = byName.get("label").getContents().getBytesContentsList();
    for (int i = 0; i < values.size(); i++) {
      Map<String, Double> s = new java.util.LinkedHashMap<>();
      for (int j = 0; j < labels.size(); j++) {
        s.put(labels.get(j), scores.get(i * labels.size() + j));
      }
      out.add(new Prediction<>(values.get(i).toStringUtf8(), s));
    }
    return out;
  }

  private List<Prediction<String>> overRest(List<FeatureVector> rows) throws Exception {
    StringBuilder data = new StringBuilder();
    for (FeatureVector x : rows) {
      for (int i = 0; i < x.size(); i++) {
        data.append(data.length() == 0 ? "" : ",").append(x.get(i));
      }
    }
    String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[" + rows.size() + ",4],"
        + "\"datatype\":\"FP64\",\"data\":[" + data + "]}]}";
    JsonNode a = JSON.readTree(ServeFixtures.send(http, "POST",
        URI.create(server.uri() + "/v2/models/blobs/infer"), body,
        "Authorization", "Bearer " + TOKEN).body());
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    a.path("outputs").forEach(o -> byName.put(o.path("name").asText(), o));
    List<String> labels = new ArrayList<>();
    byName.get("score_labels").path("data").forEach(n -> labels.add(n.asText()));
    List<Prediction<String>> out = new ArrayList<>();
    JsonNode values = byName.get("label").path("data");
    JsonNode scores = byName.get("scores").path("data");
    for (int i = 0; i < values.size(); i++) {
      Map<String, Double> s = new java.util.LinkedHashMap<>();
      for (int j = 0; j < labels.size(); j++) {
        s.put(labels.get(j), scores.get(i * labels.size() + j).doubleValue());
      }
      out.add(new Prediction<>(values.get(i).asText(), s));
    }
    return out;
  }

  @Test
  @DisplayName("property: for random batches gRPC answers exactly as REST and as in-process")
  void sameAnswers() {
    Function<List<Double>, FeatureVector> vec = v -> FeatureVector.of(ServeFixtures.NAMES,
        v.stream().mapToDouble(Double::doubleValue).toArray());
    qt().withExamples(150).withShrinkCycles(30)
        .forAll(integers().between(1, 5), lists().of(doubles().between(-1e6, 1e6)).ofSize(20))
        .checkAssert((n, values) -> {
          List<FeatureVector> rows = new ArrayList<>();
          for (int r = 0; r < n; r++) {
            rows.add(vec.apply(values.subList(r * 4, r * 4 + 4)));
          }
          ModelInferResponse a = stub.modelInfer(request(rows, null));
          assertEquals("5", a.getModelVersion());
          List<Prediction<String>> grpc = predictions(a);
          try {
            assertEquals(overRest(rows), grpc);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          for (int r = 0; r < n; r++) {
            assertEquals(model.predict(rows.get(r)), grpc.get(r));
          }
        });
  }

  @Test
  @DisplayName("FP16 halves are read as NumPy reads them (values from numpy's '<f2' view)")
  void halves() {
    short[] bits = {0x3c00, (short) 0xc000, 0x7bff, 0x0001, 0x03ff, 0x0400, 0x3555,
        (short) 0x8001, 0x5640, (short) 0xfbff, 0x2e66};
    double[] numpy = {1.0, -2.0, 65504.0, 5.960464477539063e-08, 6.097555160522461e-05,
        6.103515625e-05, 0.333251953125, -5.960464477539063e-08, 100.0, -65504.0,
        0.0999755859375};
    for (int i = 0; i < bits.length; i++) {
      assertEquals(numpy[i], GrpcFront.halfToFloat(bits[i]), 0.0, Integer.toHexString(bits[i]));
    }
    assertTrue(Float.isInfinite(GrpcFront.halfToFloat((short) 0x7c00)));
    assertTrue(Float.isNaN(GrpcFront.halfToFloat((short) 0x7e00)));
  }

  /** One row of integers as a gRPC request of that datatype, typed or raw little-endian. */
  private static ModelInferRequest integerRow(String datatype, long[] row, boolean raw) {
    ModelInferRequest.InferInputTensor.Builder t = ModelInferRequest.InferInputTensor
        .newBuilder().setName("x").setDatatype(datatype).addShape(1).addShape(row.length);
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("blobs");
    int size = switch (datatype) {
      case "INT8", "UINT8" -> 1;
      case "INT16", "UINT16" -> 2;
      case "INT32", "UINT32" -> 4;
      default -> 8;
    };
    if (raw) {
      ByteBuffer bytes = ByteBuffer.allocate(size * row.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : row) {
        switch (size) {
          case 1 -> bytes.put((byte) v);
          case 2 -> bytes.putShort((short) v);
          case 4 -> bytes.putInt((int) v);
          default -> bytes.putLong(v);
        }
      }
      return b.addInputs(t).addRawInputContents(ByteString.copyFrom(bytes.array())).build();
    }
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (long v : row) {
      switch (datatype) {
        case "INT64" -> c.addInt64Contents(v);
        case "UINT64" -> c.addUint64Contents(v);
        case "UINT8", "UINT16", "UINT32" -> c.addUintContents((int) v);
        default -> c.addIntContents((int) v);
      }
    }
    return b.addInputs(t.setContents(c)).build();
  }

  @Test
  @DisplayName("property: integer datatypes, typed or raw, answer over gRPC as over REST (which"
      + " has taken them all along) and as in-process on the same numbers")
  void integerTypes() {
    List<String> types = List.of("INT8", "UINT8", "INT16", "UINT16", "INT32", "UINT32", "INT64",
        "UINT64");
    qt().withExamples(120).withShrinkCycles(20)
        .forAll(integers().between(0, types.size() - 1), booleans().all(),
            lists().of(integers().between(0, 127)).ofSize(4))
        .checkAssert((k, raw, values) -> {
          String type = types.get(k);
          long[] row = values.stream().mapToLong(v -> type.startsWith("U") ? v : v - 64)
              .toArray();
          double[] x = java.util.Arrays.stream(row).asDoubleStream().toArray();
          Prediction<String> grpc = predictions(stub.modelInfer(integerRow(type, row, raw)))
              .get(0);
          assertEquals(model.predict(FeatureVector.of(ServeFixtures.NAMES, x)), grpc);
          String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\""
              + type + "\",\"data\":" + java.util.Arrays.toString(row) + "}]}";
          try {
            JsonNode a = JSON.readTree(ServeFixtures.send(http, "POST",
                URI.create(server.uri() + "/v2/models/blobs/infer"), body,
                "Authorization", "Bearer " + TOKEN).body());
            assertEquals(grpc.value(), a.path("outputs").get(0).path("data").get(0).asText());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    // the unsigned 64-bit range above Long.MAX_VALUE, raw and typed: 2^64 - 1 is not negative
    ModelInferRequest big = integerRow("UINT64", new long[] {-1, 0, 1, Long.MIN_VALUE}, false);
    assertEquals(model.predict(FeatureVector.of(ServeFixtures.NAMES,
        new double[] {0x1p64, 0, 1, 0x1p63})), predictions(stub.modelInfer(big)).get(0));
  }

  @Test
  @DisplayName("requested outputs: only those come back, as over REST; an unknown one is"
      + " INVALID_ARGUMENT naming it")
  void requestedOutputs() {
    List<FeatureVector> rows = ServeFixtures.inputs(2, 5);
    ModelInferResponse all = stub.modelInfer(request(rows, null));
    ModelInferResponse some = stub.modelInfer(request(rows, null).toBuilder()
        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("scores"))
        .build());
    assertEquals(List.of("scores"), some.getOutputsList().stream()
        .map(ModelInferResponse.InferOutputTensor::getName).toList());
    assertEquals(all.getOutputsList().stream().filter(o -> o.getName().equals("scores"))
        .findFirst().orElseThrow(), some.getOutputs(0));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub.modelInfer(request(rows, null).toBuilder().addOutputs(
            ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("nope")).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("requested output 'nope'"),
        e.getStatus().getDescription());
  }

  @Test
  @DisplayName("raw little-endian FP32 contents are read like typed contents")
  void rawContents() {
    FeatureVector x = ServeFixtures.inputs(1, 4).get(0);
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    double[] f = new double[4];
    for (int i = 0; i < 4; i++) {
      b.putFloat((float) x.get(i));
      f[i] = (float) x.get(i);
    }
    ModelInferRequest r = ModelInferRequest.newBuilder().setModelName("blobs")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x")
            .setDatatype("FP32").addShape(1).addShape(4))
        .addRawInputContents(ByteString.copyFrom(b.array())).build();
    assertEquals(model.predict(FeatureVector.of(ServeFixtures.NAMES, f)),
        predictions(stub.modelInfer(r)).get(0));
  }

  @Test
  @DisplayName("health needs no token; everything else is UNAUTHENTICATED without it")
  void auth() {
    assertTrue(anonymous.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
    assertTrue(anonymous.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> anonymous.modelInfer(request(ServeFixtures.inputs(1, 1), null)));
    assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("missing bearer token"));
    assertTrue(stub.modelReady(ModelReadyRequest.newBuilder().setName("blobs").build())
        .getReady());
  }

  @Test
  @DisplayName("model metadata names inputs and outputs with datatypes and the served version")
  void metadata() {
    ModelMetadataResponse m = stub.modelMetadata(ModelMetadataRequest.newBuilder()
        .setName("blobs").build());
    assertEquals("5", m.getVersions(0));
    assertEquals("input", m.getInputs(0).getName());
    assertEquals("FP64", m.getInputs(0).getDatatype());
    assertEquals(List.of(-1L, 4L), m.getInputs(0).getShapeList());
    assertEquals(List.of("label", "scores", "score_labels"), m.getOutputsList().stream()
        .map(ModelMetadataResponse.TensorMetadata::getName).toList());
    assertEquals("BYTES", m.getOutputs(0).getDatatype());
  }

  @Test
  @DisplayName("client mistakes get INVALID_ARGUMENT, NOT_FOUND or RESOURCE_EXHAUSTED, and the"
      + " server keeps serving")
  void mistakes() {
    ModelInferRequest good = request(ServeFixtures.inputs(1, 1), null);
    ModelInferRequest overflow = good.toBuilder().setInputs(0, good.getInputs(0).toBuilder()
        .setShape(0, 4611686018427387904L)).build();
    ModelInferRequest tooMany = request(ServeFixtures.inputs(51, 2), null);
    ModelInferRequest unknown = good.toBuilder().setModelName("nope").build();
    ModelInferRequest wrongVersion = good.toBuilder().setModelVersion("99").build();
    for (Object[] c : new Object[][] {
        {overflow, Status.Code.INVALID_ARGUMENT, "overflows a 64-bit count"},
        {tooMany, Status.Code.RESOURCE_EXHAUSTED, "51 rows but the limit is 50"},
        {unknown, Status.Code.NOT_FOUND, "no model named 'nope'"},
        {wrongVersion, Status.Code.NOT_FOUND, "has no version '99'"}}) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> stub.modelInfer((ModelInferRequest) c[0]));
      assertEquals(c[1], e.getStatus().getCode());
      assertTrue(e.getStatus().getDescription().contains((String) c[2]),
          e.getStatus().getDescription());
      assertEquals(1, stub.modelInfer(good).getOutputs(0).getContents().getBytesContentsCount());
    }
    String m = server.metricsText();
    assertTrue(ServeFixtures.metric(m, "ciclo_http_requests_total", "endpoint", "grpc.infer",
        "code", "413") >= 1, m);
  }

  @Test
  @DisplayName("a gzip message that inflates past maxRequestBytes is RESOURCE_EXHAUSTED (413), as"
      + " a plain one that large is, not INVALID_ARGUMENT")
  void inflatedPastTheLimit() {
    ModelInferRequest good = request(ServeFixtures.inputs(1, 1), null);
    // 5 MiB of zeros: about 5 KiB gzipped
    ModelInferRequest large = good.toBuilder()
        .addRawInputContents(ByteString.copyFrom(new byte[5 << 20])).build();
    for (boolean gzip : new boolean[] {true, false}) {
      double before = count413();
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> (gzip ? stub.withCompression("gzip") : stub).modelInfer(large));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
      assertTrue(e.getStatus().getDescription().contains("exceeds maximum size 4194304"),
          e.getStatus().getDescription());
      if (gzip) {
        assertEquals(before + 1, count413(), server.metricsText());
      }
      assertEquals(1, stub.modelInfer(good).getOutputs(0).getContents().getBytesContentsCount());
    }
  }

  private double count413() {
    double n = ServeFixtures.metric(server.metricsText(), "ciclo_http_requests_total",
        "endpoint", "grpc.infer", "code", "413");
    return Double.isNaN(n) ? 0 : n;
  }

  @Test
  @DisplayName("streams that send headers and no message hold no in-flight permit: as many as"
      + " maxInFlight on one connection leave ModelInfer answering on another")
  void headersAloneHoldNoPermit() throws Exception {
    try (InferenceServer small = InferenceServer.builder().port(0).grpcPort(0).maxInFlight(4)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", model, ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start();
        Socket idle = headersOnly(small.grpcPort(), 4, false)) {
      ManagedChannel other = NettyChannelBuilder.forAddress("127.0.0.1", small.grpcPort())
          .usePlaintext().build();
      try {
        ModelInferRequest good = request(ServeFixtures.inputs(1, 1), null);
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub probe =
            GRPCInferenceServiceGrpc.newBlockingStub(other);
        // the server sees the idle streams within milliseconds; once it did they held every
        // permit and each probe was UNAVAILABLE
        for (int i = 0; i < 20; i++) {
          assertEquals(1, probe.modelInfer(good).getOutputs(0).getContents()
              .getBytesContentsCount(), "probe " + i);
          Thread.sleep(25);
        }
      } finally {
        other.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("a connection that opens and resets streams as fast as it can (HTTP/2 rapid reset,"
      + " CVE-2023-44487) gets GOAWAY ENHANCE_YOUR_CALM; other clients are answered")
  void rapidReset() throws Exception {
    try (Socket s = headersOnly(server.grpcPort(), 1000, true)) {
      s.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      int type;
      byte[] payload;
      do { // frames until the GOAWAY: a read timeout here means the resets were let through
        int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
        type = in.readUnsignedByte();
        in.readUnsignedByte();
        in.readInt();
        payload = in.readNBytes(length);
      } while (type != 7);
      assertEquals(0xb, ByteBuffer.wrap(payload, 4, 4).getInt(), "GOAWAY's error code");
    }
    assertEquals(1, stub.modelInfer(request(ServeFixtures.inputs(1, 1), null)).getOutputs(0)
        .getContents().getBytesContentsCount());
  }

  /**
   * A connection that opens {@code streams} ModelInfer streams and sends their headers only
   * (grpc-java's client holds a unary call's headers back until its message): raw HTTP/2, the
   * headers as HPACK literals; with {@code reset}, each stream is cancelled (RST_STREAM) at once.
   */
  private static Socket headersOnly(int port, int streams, boolean reset) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RawGrpc.preface(out);
    byte[] b = RawGrpc.headers("/inference.GRPCInferenceService/ModelInfer");
    for (int i = 0; i < streams; i++) {
      int id = 1 + 2 * i;
      // HEADERS with END_HEADERS (0x4) and without END_STREAM: no message follows
      out.writeBytes(new byte[] {0, (byte) (b.length >> 8), (byte) b.length, 1, 4,
          (byte) (id >> 24), (byte) (id >> 16), (byte) (id >> 8), (byte) id});
      out.writeBytes(b);
      if (reset) { // RST_STREAM, error code CANCEL (8)
        out.writeBytes(new byte[] {0, 0, 4, 3, 0, (byte) (id >> 24), (byte) (id >> 16),
            (byte) (id >> 8), (byte) id, 0, 0, 0, 8});
      }
    }
    s.getOutputStream().write(out.toByteArray());
    s.getOutputStream().flush();
    return s;
  }

  @Test
  @DisplayName("consent in the request parameters logs it like REST; a hot swap shows on gRPC")
  void loggingAndSwap() {
    int before = log.records().size();
    stub.modelInfer(request(ServeFixtures.inputs(1, 9), "monitoring"));
    assertEquals(before + 1, log.records().size());
    PredictionRecord r = log.records().get(log.records().size() - 1);
    assertEquals("5", r.modelVersion());
    stub.modelInfer(request(ServeFixtures.inputs(1, 9), null));
    assertEquals(before + 1, log.records().size(), "no consent, nothing logged");
    TribuoClassifierModel<FeatureVector> next = ServeFixtures.model("6", 99);
    server.swap("blobs", next);
    try {
      FeatureVector x = ServeFixtures.inputs(1, 3).get(0);
      ModelInferResponse a = stub.modelInfer(request(List.of(x), null));
      assertEquals("6", a.getModelVersion());
      assertEquals(next.predict(x), predictions(a).get(0));
    } finally {
      server.swap("blobs", model);
    }
  }

  @Test
  @DisplayName("with gRPC and its protobuf runtime on the class path, a saved Tribuo model loads"
      + " and predicts as before")
  void tribuoModelsStillLoad(@TempDir Path dir) {
    Path file = dir.resolve("model.bin");
    ModelFiles.save(model, file);
    TribuoClassifierModel<FeatureVector> loaded = (TribuoClassifierModel<FeatureVector>)
        ModelFiles.load(file, TribuoModelLoader.of(dev.ciclo.api.features.FeatureExtractor
            .<FeatureVector>identity()));
    for (FeatureVector x : ServeFixtures.inputs(20, 4)) {
      assertEquals(model.predict(x), loaded.predict(x));
    }
    // The same protobuf runtime serves both.
    assertEquals(com.google.protobuf.GeneratedMessageV3.class.getProtectionDomain()
        .getCodeSource().getLocation(), ModelInferRequest.class.getSuperclass()
        .getProtectionDomain().getCodeSource().getLocation());
  }
}
