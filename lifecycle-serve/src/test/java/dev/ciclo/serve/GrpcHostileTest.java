package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2.InferTensorContents;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerLiveRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What a hostile or careless gRPC client does, on loopback, each case followed by "still
 * serving": bytes that are no protobuf message, names of a megabyte echoed in the status, raw
 * contents that disagree with the inputs, and a backlog of gRPC calls that must not hold up REST
 * or gRPC health.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcHostileTest {
  /** ModelInfer sent as bytes, whatever they are. */
  private static final MethodDescriptor<byte[], byte[]> RAW_INFER =
      RawGrpc.method(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName());

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private InferenceServer server;
  private ManagedChannel channel;
  private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

  @BeforeAll
  void start() {
    List<FeatureVector> warm = ServeFixtures.inputs(2, 1);
    Predictor<FeatureVector, String> model = ServeFixtures.model("1", 7);
    // 50 ms per prediction with no CPU: a backlog of calls that costs time, not the machine
    Predictor<FeatureVector, String> slow = ServeFixtures.slow(model, 50, 0);
    server = InferenceServer.builder().port(0).grpcPort(0).threads(2).maxInFlight(200)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", model, ServeFixtures.NAMES, warm))
        .serve(ServedModel.features("slow", slow, ServeFixtures.NAMES, warm))
        .build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext()
        .build();
    stub = GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    channel.shutdownNow();
    server.close();
  }

  /** One FP64 row of the blobs for {@code model} (GrpcConnectionLimitTest sends it too). */
  static ModelInferRequest request(String model) {
    FeatureVector x = ServeFixtures.inputs(1, 3).get(0);
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (int i = 0; i < x.size(); i++) {
      c.addFp64Contents(x.get(i));
    }
    return ModelInferRequest.newBuilder().setModelName(model)
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x")
            .setDatatype("FP64").addShape(1).addShape(4).setContents(c)).build();
  }

  private void assertStillServing() {
    ModelInferResponse a = GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(request("blobs"));
    assertEquals(1, a.getOutputs(0).getContents().getBytesContentsCount());
  }

  @Test
  @DisplayName("bytes that are no protobuf message get INVALID_ARGUMENT saying so, counted as a"
      + " 400 (not UNKNOWN 'Application error processing RPC')")
  void malformedProtobuf() {
    byte[] good = request("blobs").toByteArray();
    for (byte[] bad : new byte[][] {
        {(byte) 0xff, (byte) 0xff, 1, 2, 3},
        java.util.Arrays.copyOf(good, good.length / 2)}) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> ClientCalls.blockingUnaryCall(channel, RAW_INFER,
              CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), bad));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
      assertTrue(e.getStatus().getDescription().startsWith(
          "request is not a valid inference.ModelInferRequest protobuf message: "),
          e.getStatus().getDescription());
      assertStillServing();
    }
    assertTrue(ServeFixtures.metric(server.metricsText(), "ciclo_http_requests_total",
        "endpoint", "grpc.infer", "code", "400") >= 2, server.metricsText());
  }

  @Test
  @DisplayName("a model name of a megabyte gets NOT_FOUND whose message a client can read: cut"
      + " in the middle to fit a client's 8 KiB header limit, start and end kept")
  void longNames() {
    for (String name : List.of("x".repeat(1 << 20), "\u6570\u5b57".repeat(50_000))) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> stub.modelInfer(request(name)));
      assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), e.toString());
      String d = e.getStatus().getDescription();
      assertTrue(d.startsWith("no model named '" + name.substring(0, 10)), d);
      assertTrue(d.contains(" characters cut ...] "), d);
      assertTrue(d.contains("'; this server serves ["), d);
      assertTrue(d.endsWith("]"), d);
      assertStillServing();
    }
    assertEquals("short", GrpcGuards.capped("short"));
  }

  @Test
  @DisplayName("raw_input_contents with more entries than inputs is a 400, not silently read"
      + " from the first")
  void rawContentsCount() {
    ModelInferRequest good = request("blobs");
    byte[] row = new byte[32];
    ModelInferRequest twice = good.toBuilder().setInputs(0, good.getInputs(0).toBuilder()
        .clearContents()).addRawInputContents(ByteString.copyFrom(row))
        .addRawInputContents(ByteString.copyFrom(row)).build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub.modelInfer(twice));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains(
        "raw_input_contents holds 2 entries but the request has 1 input"),
        e.getStatus().getDescription());
    assertStillServing();
  }

  @Test
  @DisplayName("typed 8- and 16-bit values that travel in 32-bit fields are checked against their"
      + " datatype: a 400 naming the element, as over REST")
  void integerRanges() {
    ModelInferRequest good = request("blobs");
    ModelInferRequest.InferInputTensor in = good.getInputs(0);
    ModelInferRequest int8 = good.toBuilder().setInputs(0, in.toBuilder().setDatatype("INT8")
        .setContents(InferTensorContents.newBuilder().addIntContents(0).addIntContents(300)
            .addIntContents(4).addIntContents(4))).build();
    ModelInferRequest uint16 = good.toBuilder().setInputs(0, in.toBuilder().setDatatype("UINT16")
        .setContents(InferTensorContents.newBuilder().addUintContents(0).addUintContents(4)
            .addUintContents(70_000).addUintContents(4))).build();
    for (Object[] c : new Object[][] {
        {int8, "data element 1 is 300 but INT8 holds whole numbers from -128 to 127"},
        {uint16, "data element 2 is 70000 but UINT16 holds whole numbers from 0 to 65535"}}) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> stub.modelInfer((ModelInferRequest) c[0]));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
      assertTrue(e.getStatus().getDescription().endsWith((String) c[1]),
          e.getStatus().getDescription());
    }
    assertStillServing();
  }

  @Test
  @DisplayName("a backlog of 180 slow gRPC calls (4.5 s of work) holds up neither REST requests"
      + " nor gRPC health: each answered within 1.5 s")
  void backlog() throws Exception {
    // a probe has its own connection, as an orchestrator's would, set up before the backlog:
    // what is timed is the answer, not a TCP and HTTP/2 handshake on a busy machine
    ManagedChannel probe = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext().build();
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub p = GRPCInferenceServiceGrpc
        .newBlockingStub(probe).withDeadlineAfter(30, TimeUnit.SECONDS);
    assertTrue(p.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
    // three connections, as many clients would send them (all 180 under maxInFlight)
    List<ManagedChannel> senders = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      senders.add(NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext()
          .build());
    }
    int calls = 180;
    CountDownLatch done = new CountDownLatch(calls);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    StreamObserver<ModelInferResponse> counted = new StreamObserver<>() {
      @Override
      public void onNext(ModelInferResponse value) {}

      @Override
      public void onError(Throwable t) {
        failures.add(t);
        done.countDown();
      }

      @Override
      public void onCompleted() {
        done.countDown();
      }
    };
    for (int i = 0; i < calls; i++) {
      GRPCInferenceServiceGrpc.newStub(senders.get(i % 3))
          .withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(request("slow"), counted);
    }
    Thread.sleep(300); // the backlog is queued
    long liveMs;
    try {
      long t0 = System.nanoTime();
      p.serverLive(ServerLiveRequest.getDefaultInstance());
      liveMs = (System.nanoTime() - t0) / 1_000_000;
    } finally {
      probe.shutdownNow();
    }
    String body = ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0));
    List<CompletableFuture<Long>> rest = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long sent = System.nanoTime();
      rest.add(http.sendAsync(HttpRequest.newBuilder(
          URI.create(server.uri() + "/v2/models/slow/infer"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20))
          .build(), HttpResponse.BodyHandlers.ofString()).thenApply(a -> {
            assertEquals(200, a.statusCode(), a.body());
            return (System.nanoTime() - sent) / 1_000_000;
          }));
    }
    List<Long> restMs = new ArrayList<>();
    for (CompletableFuture<Long> f : rest) {
      restMs.add(f.get(20, TimeUnit.SECONDS));
    }
    assertTrue(done.await(30, TimeUnit.SECONDS), "backlog answered");
    senders.forEach(ManagedChannel::shutdownNow);
    assertEquals(List.of(), failures);
    assertTrue(liveMs < 1_000, "ServerLive took " + liveMs + " ms behind the backlog");
    assertTrue(restMs.stream().allMatch(ms -> ms < 1_500),
        "REST answers behind the gRPC backlog took " + restMs + " ms");
    assertStillServing();
  }

  @Test
  @DisplayName("a client that opens calls and never reads their answers holds in-flight permits,"
      + " not ever more memory: beyond maxInFlight other calls get UNAVAILABLE (REST and health"
      + " still answer) until its connection is closed, idleTimeout after GOAWAY")
  void unreadAnswers() throws Exception {
    try (InferenceServer small = small(4, Duration.ofSeconds(2))) {
      ManagedChannel stalled = channel(small, true);
      ManagedChannel other = channel(small, false);
      try {
        callsNeverRead(stalled, 6);
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub s = GRPCInferenceServiceGrpc
            .newBlockingStub(other).withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException busy = busyWithin(s, 1_500);
        assertTrue(busy != null, "4 unread answers did not fill the in-flight limit");
        assertEquals(Status.Code.UNAVAILABLE, busy.getStatus().getCode(), busy.toString());
        assertTrue(busy.getStatus().getDescription().startsWith(
            "server is busy: 4 gRPC calls are in flight"), busy.getStatus().getDescription());
        assertTrue(s.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
        assertEquals(200, ServeFixtures.send(http, "POST",
            URI.create(small.uri() + "/v2/models/blobs/infer"),
            ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0))).status());
        // age (2 s) + grace (2 s), gRPC's jitter on the age: served again within 8 s
        assertTrue(servedWithin(s, request("blobs"), 8_000) != null,
            "the unread answers still held the permits after 8 s");
      } finally {
        stalled.shutdownNow();
        other.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("one connection that never reads its answers holds at most its share of the"
      + " in-flight permits (an eighth, at least 4): its further calls wait in the client and"
      + " other connections are answered; a second such connection fills the limit")
  void unreadAnswersShare() throws Exception {
    assertEquals(32, InferenceServer.Builder.grpcCallsPerConnection(256), "the default share");
    try (InferenceServer small = small(8, Duration.ofSeconds(30))) {
      ManagedChannel first = channel(small, true);
      ManagedChannel second = channel(small, true);
      ManagedChannel other = channel(small, false);
      try {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub s = GRPCInferenceServiceGrpc
            .newBlockingStub(other).withDeadlineAfter(10, TimeUnit.SECONDS);
        callsNeverRead(first, 12); // 4 reach the server, 8 wait in the client
        StatusRuntimeException busy = busyWithin(s, 1_500);
        assertEquals(null, busy, "one connection's unread answers filled the limit of 8");
        callsNeverRead(second, 12);
        busy = busyWithin(s, 1_500);
        assertTrue(busy != null, "two connections' 4 unread answers each did not fill the limit"
            + " of 8: the calls were not held, and the first half proved nothing");
        assertEquals(Status.Code.UNAVAILABLE, busy.getStatus().getCode(), busy.toString());
      } finally {
        first.shutdownNow();
        second.shutdownNow();
        other.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("answers a client never reads count against maxBufferedBytes until their streams"
      + " close: with the budget full of them the next call is UNAVAILABLE (REST health still"
      + " answers), and served again once that client's connection is gone")
  void unreadAnswersHoldBudget() throws Exception {
    ModelInferRequest big = rows(1_000);
    int answerBytes = stub.modelInfer(big).getSerializedSize();
    // room for two requests of 1,000 rows beside one such answer (the second stalled call may
    // arrive before the first one's request is given back), not for one beside two answers
    long budget = 2L * big.getSerializedSize() + answerBytes + 1_000;
    assertTrue(answerBytes > big.getSerializedSize() + 1_000, answerBytes + " bytes answer "
        + big.getSerializedSize() + " bytes: the answers must outweigh the requests");
    try (InferenceServer small = InferenceServer.builder().port(0).grpcPort(0).threads(2)
        .maxInFlight(64).maxBufferedBytes(budget).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start()) {
      ManagedChannel stalled = channel(small, true);
      ManagedChannel other = channel(small, false);
      try {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub s = GRPCInferenceServiceGrpc
            .newBlockingStub(other).withDeadlineAfter(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
          assertEquals(1_000, s.modelInfer(big).getOutputs(0).getContents()
              .getBytesContentsCount(), "a read answer holds nothing");
        }
        for (int i = 0; i < 2; i++) {
          io.grpc.ClientCall<ModelInferRequest, ModelInferResponse> call = stalled.newCall(
              GRPCInferenceServiceGrpc.getModelInferMethod(), CallOptions.DEFAULT);
          call.start(new io.grpc.ClientCall.Listener<>() {}, new io.grpc.Metadata());
          call.sendMessage(big);
          call.halfClose();
        }
        Thread.sleep(500); // both answered
        // a request of 1,000 rows fits beside one unread answer, not beside two
        StatusRuntimeException busy = busyWithin(s, big, 3_000);
        assertTrue(busy != null, "two unread answers of " + answerBytes + " bytes did not fill a"
            + " budget of " + budget + " bytes");
        assertEquals(Status.Code.UNAVAILABLE, busy.getStatus().getCode(), busy.toString());
        assertTrue(busy.getStatus().getDescription().startsWith("server is busy: request bodies"
            + " hold " + budget + " bytes"), busy.getStatus().getDescription());
        assertEquals(200, ServeFixtures.send(http, "GET",
            URI.create(small.uri() + "/v2/health/live"), null).status());
        stalled.shutdownNow();
        stalled.awaitTermination(5, TimeUnit.SECONDS);
        assertTrue(servedWithin(s, big, 5_000) != null,
            "the closed connection's answers still held the budget");
      } finally {
        stalled.shutdownNow();
        other.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("an id of more than 256 characters is INVALID_ARGUMENT naming its length (every"
      + " answer echoes it, every logged record keeps it); 256 are echoed")
  void longId() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub.modelInfer(request("blobs").toBuilder().setId("z".repeat(4_000_000)).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
    assertEquals("'id' is 4000000 characters long but a request id may have at most 256",
        e.getStatus().getDescription());
    String id = "z".repeat(256);
    assertEquals(id, stub.modelInfer(request("blobs").toBuilder().setId(id).build()).getId());
  }

  @Test
  @DisplayName("a call that ends without its request message is INVALID_ARGUMENT naming that"
      + " (gRPC's own answer would be INTERNAL), and counted 400")
  void messageCount() throws Exception {
    double before = metric(server, "400");
    byte[] good = request("blobs").toByteArray();
    StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
        () -> rawCall(new byte[0][]));
    assertEquals(Status.Code.INVALID_ARGUMENT, none.getStatus().getCode(), none.toString());
    assertEquals("the ModelInfer call ended without its request message",
        none.getStatus().getDescription());
    assertEquals(1, ModelInferResponse.parseFrom(rawCall(good)).getOutputsCount() > 0 ? 1 : 0,
        "one message is answered");
    assertEquals(before + 1, metric(server, "400"));
    assertStillServing();
  }

  @Test
  @DisplayName("a call cancelled by its client while it waited for a prediction permit, or for a"
      + " worker, is counted 499, one whose deadline passed 408; none runs the model")
  void cancelledBeforeTheModel() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    AtomicBoolean armed = new AtomicBoolean();
    Predictor<FeatureVector, String> model = ServeFixtures.model("1", 7);
    Predictor<FeatureVector, String> slow = new Predictor<>() {
      @Override
      public dev.ciclo.api.predict.Prediction<String> predict(FeatureVector x) {
        if (armed.get()) { // not while the server warms up
          ran.incrementAndGet();
          try {
            Thread.sleep(1_500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return model.predict(x);
      }

      @Override
      public dev.ciclo.api.predict.ModelMetadata metadata() {
        return model.metadata();
      }
    };
    // one prediction permit, shared by REST and gRPC: a REST call holds it while a gRPC call's
    // handler waits for it
    try (InferenceServer one = InferenceServer.builder().port(0).grpcPort(0).threads(1)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("slow", slow, ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start()) {
      armed.set(true);
      ManagedChannel c = channel(one, false);
      try {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub f =
            GRPCInferenceServiceGrpc.newFutureStub(c);
        // the one gRPC worker waits in the first call for the permit; the second call waits for
        // the worker (gRPC then never hands it to the service)
        CompletableFuture<ServeFixtures.Answer> rest = holdPermit(one, ran, 1);
        var cancelled = f.modelInfer(request("slow"));
        var queued = f.modelInfer(request("slow"));
        Thread.sleep(300);
        cancelled.cancel(true);
        queued.cancel(true);
        assertEquals(200, rest.get(10, TimeUnit.SECONDS).status());
        awaitMetric(one, "499", 2);
        rest = holdPermit(one, ran, 2);
        var late = f.withDeadlineAfter(300, TimeUnit.MILLISECONDS).modelInfer(request("slow"));
        var lateQueued =
            f.withDeadlineAfter(300, TimeUnit.MILLISECONDS).modelInfer(request("slow"));
        assertEquals(200, rest.get(10, TimeUnit.SECONDS).status());
        awaitMetric(one, "408", 2);
        assertTrue(late.isDone() && lateQueued.isDone());
        Thread.sleep(200); // nothing counted twice
        assertEquals(2, metric(one, "499"), one.metricsText());
        assertEquals(2, metric(one, "408"), one.metricsText());
        assertEquals(2, ran.get(), "a cancelled call ran the model");
      } finally {
        c.shutdownNow();
      }
    }
  }

  /** A REST prediction on the slow model, once it runs (the {@code n}th run). */
  private CompletableFuture<ServeFixtures.Answer> holdPermit(InferenceServer s, AtomicInteger ran,
      int n) throws InterruptedException {
    CompletableFuture<ServeFixtures.Answer> rest = CompletableFuture.supplyAsync(() -> {
      try {
        return ServeFixtures.send(http, "POST", URI.create(s.uri() + "/v2/models/slow/infer"),
            ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (ran.get() < n) {
      Thread.sleep(10);
    }
    return rest;
  }

  private static void awaitMetric(InferenceServer s, String code, int n)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until && metric(s, code) < n) {
      Thread.sleep(20);
    }
  }

  /** ModelInfer calls counted with that code (0 when none is). */
  private static double metric(InferenceServer s, String code) {
    double n = ServeFixtures.metric(s.metricsText(), "ciclo_http_requests_total", "endpoint",
        GrpcFront.INFER, "code", code);
    return Double.isNaN(n) ? 0 : n;
  }

  /** ModelInfer with {@code messages} sent as they are on one call; the answer's bytes. */
  private byte[] rawCall(byte[]... messages) {
    io.grpc.ClientCall<byte[], byte[]> call = channel.newCall(RAW_INFER,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    List<byte[]> got = new ArrayList<>();
    call.start(new io.grpc.ClientCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        got.add(message);
      }

      @Override
      public void onClose(Status status, io.grpc.Metadata trailers) {
        if (status.isOk()) {
          answer.complete(got.get(0));
        } else {
          answer.completeExceptionally(status.asRuntimeException());
        }
      }
    }, new io.grpc.Metadata());
    call.request(1);
    for (byte[] m : messages) {
      call.sendMessage(m);
    }
    call.halfClose();
    try {
      return answer.get(15, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (StatusRuntimeException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * {@code n} rows of the blobs in one ModelInfer request, as INT8 (a byte or two a value): the
   * answer, a label and three FP64 scores a row, is several times the request.
   */
  private static ModelInferRequest rows(int n) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (FeatureVector x : ServeFixtures.inputs(n, 5)) {
      for (int i = 0; i < x.size(); i++) {
        c.addIntContents((int) Math.round(x.get(i)));
      }
    }
    return ModelInferRequest.newBuilder().setModelName("blobs")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x")
            .setDatatype("INT8").addShape(n).addShape(4).setContents(c)).build();
  }

  /** A server of the blobs with an in-flight limit of {@code maxInFlight}. */
  private static InferenceServer small(int maxInFlight, Duration idleTimeout) {
    return InferenceServer.builder().port(0).grpcPort(0).threads(2).maxInFlight(maxInFlight)
        .idleTimeout(idleTimeout).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start();
  }

  /**
   * A channel to the server's gRPC port; a {@code stalled} one has a flow-control window of one
   * byte and never asks for messages, so every answer to it stays in the server.
   */
  private static ManagedChannel channel(InferenceServer server, boolean stalled) {
    NettyChannelBuilder b = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext();
    return (stalled ? b.flowControlWindow(1) : b).build();
  }

  /** Opens {@code n} ModelInfer calls on {@code channel} and never asks for their answers. */
  private static void callsNeverRead(ManagedChannel channel, int n) {
    for (int i = 0; i < n; i++) {
      io.grpc.ClientCall<ModelInferRequest, ModelInferResponse> call = channel.newCall(
          GRPCInferenceServiceGrpc.getModelInferMethod(), CallOptions.DEFAULT);
      call.start(new io.grpc.ClientCall.Listener<>() {}, new io.grpc.Metadata());
      call.sendMessage(request("blobs"));
      call.halfClose();
    }
  }

  /**
   * Calls ModelInfer every 50 ms for {@code millis}: the first error, or null when every call
   * was answered.
   */
  private static StatusRuntimeException busyWithin(
      GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub s, long millis)
      throws InterruptedException {
    return busyWithin(s, request("blobs"), millis);
  }

  /** {@link #busyWithin(GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub, long)} of r. */
  private static StatusRuntimeException busyWithin(
      GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub s, ModelInferRequest r,
      long millis) throws InterruptedException {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < millis * 1_000_000L) {
      try {
        s.modelInfer(r);
        Thread.sleep(50);
      } catch (StatusRuntimeException e) {
        return e;
      }
    }
    return null;
  }

  /**
   * Calls ModelInfer until it is answered, for at most {@code millis}, every failure
   * {@code UNAVAILABLE}: the answer, or null.
   */
  private static ModelInferResponse servedWithin(
      GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub s, ModelInferRequest r,
      long millis) throws InterruptedException {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < millis * 1_000_000L) {
      try {
        return s.withDeadlineAfter(5, TimeUnit.SECONDS).modelInfer(r);
      } catch (StatusRuntimeException e) {
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
        Thread.sleep(50);
      }
    }
    return null;
  }
}
