package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gRPC request messages while they arrive: what a client that starts messages and never finishes
 * them can hold (the same body budget as REST's, and the body deadline), and the size of messages
 * to methods that run no model. The hostile side is raw HTTP/2 on a socket, since no gRPC client
 * sends half a message; the server's answers are read as frames (a closed stream is a HEADERS
 * frame with END_STREAM, or a RST_STREAM).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcBodyLimitTest {
  private static final int MAX_REQUEST = 64 << 10;
  private static final long BUDGET = 256 << 10;
  /** Bytes of a message each hostile stream sends: under HTTP/2's first 65,535 of credit. */
  private static final int SENT = 60_000;

  private InferenceServer server;
  private final List<Socket> sockets = new ArrayList<>();
  /** The sockets whose one stream the server closed. */
  private final Set<Socket> closedSockets = new HashSet<>();

  @BeforeEach
  void start() {
    server = InferenceServer.builder().port(0).grpcPort(0).threads(2)
        .maxRequestBytes(MAX_REQUEST).maxBufferedBytes(BUDGET)
        .bodyTimeout(Duration.ofSeconds(2)).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        // 3 s per prediction after its warm-up: slower than the 2 s body deadline
        .serve(ServedModel.features("slow", ServeFixtures.slow(ServeFixtures.model("1", 7),
            3_000, 2), ServeFixtures.NAMES, ServeFixtures.inputs(2, 1)))
        .build().start();
  }

  @Test
  @DisplayName("a model slower than the body deadline answers: the deadline is the client's")
  void slowModel() {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext().build();
    try {
      assertEquals(1, GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(20, TimeUnit.SECONDS)
          .modelInfer(GrpcTest.request(ServeFixtures.inputs(1, 3), null).toBuilder()
              .setModelName("slow").build())
          .getOutputs(0).getContents().getBytesContentsCount());
    } finally {
      channel.shutdownNow();
    }
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    server.close();
  }

  @Test
  @DisplayName("messages never finished hold at most the body budget, and the deadline ends them")
  void unfinishedMessages() throws Exception {
    int streams = 32;
    for (int i = 0; i < streams; i++) {
      // one stream per connection, each sending SENT of a message that declares SENT + 2,000
      sockets.add(unfinished(server.grpcPort(), "/inference.GRPCInferenceService/ModelInfer",
          SENT + 2_000, SENT));
    }
    // Without the budget each would hold its 60,000 bytes until its connection's age ran out
    // (twice the idle timeout): 1.9 MB here, 200 streams of 4 MiB in a real attack.
    int fit = (int) (BUDGET / SENT); // the streams whose bytes fit in the budget: 4
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    int closed = 0;
    while (System.nanoTime() < until && closed < streams - fit - 1) {
      closed += closedStreams(200);
    }
    assertTrue(closed >= streams - fit - 1, "streams closed within 1 s: " + closed
        + " of " + streams + " (budget " + BUDGET + " bytes, " + SENT + " bytes each)");
    assertTrue(server.bufferedBodyBytes() <= BUDGET,
        "buffered " + server.bufferedBodyBytes() + " bytes, budget " + BUDGET);
    // the budget is what REST's bodies hold too: a REST body larger than what is left of it
    // (a valid request padded with 40,000 spaces) gets 503
    assertEquals(503, rest(40_000).status());

    // the body deadline (2 s) closes the streams that fit, and the budget is free again
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    while (System.nanoTime() < until && (closed < streams || server.bufferedBodyBytes() > 0)) {
      closed += closedStreams(200);
    }
    assertEquals(streams, closed, "streams closed after the body deadline");
    assertEquals(0, server.bufferedBodyBytes(), "bytes still counted");
    String m = server.metricsText();
    double busy = ServeFixtures.metric(m, "ciclo_http_requests_total", "endpoint",
        GrpcFront.INFER, "code", "503");
    double late = ServeFixtures.metric(m, "ciclo_http_requests_total", "endpoint",
        GrpcFront.INFER, "code", "408");
    assertTrue(busy >= streams - fit - 1 && busy + late == streams, m);

    // still serving, gRPC and REST
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext().build();
    try {
      assertEquals(1, GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .modelInfer(GrpcTest.request(ServeFixtures.inputs(1, 3), null)).getOutputs(0)
          .getContents().getBytesContentsCount());
    } finally {
      channel.shutdownNow();
    }
    assertEquals(200, rest(40_000).status());
  }

  @Test
  @DisplayName("an answered call whose client reads nothing holds its answer's bytes in the"
      + " budget, not its request's, until its connection closes")
  void unreadAnswer() throws Exception {
    // a whole request, from a client that grants the server no flow-control credit for answers
    byte[] request = GrpcTest.request(ServeFixtures.inputs(200, 5), null).toByteArray();
    whole(request, true, true);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && ServeFixtures.metric(server.metricsText(),
        "ciclo_http_requests_total", "endpoint", GrpcFront.INFER, "code", "200") != 1) {
      Thread.sleep(10);
    }
    assertEquals(1, ServeFixtures.metric(server.metricsText(), "ciclo_http_requests_total",
        "endpoint", GrpcFront.INFER, "code", "200"), "the request was not answered");
    assertEquals(0, closedStreams(500), "the answer left without flow-control credit");
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext().build();
    int answer;
    try {
      answer = GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .modelInfer(GrpcTest.request(ServeFixtures.inputs(200, 5), null)).getSerializedSize();
    } finally {
      channel.shutdownNow();
    }
    // the second call's bytes are given back when the server sees its stream closed, which may
    // come just after its client has the answer
    long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < settled && Math.abs(server.bufferedBodyBytes() - answer) > 4) {
      Thread.sleep(10);
    }
    // the same answer but for its id, a counter the server gives: a digit more or less
    assertEquals(answer, server.bufferedBodyBytes(), 4, "the unread answer's bytes, the request"
        + " of " + request.length + " bytes given back");
    for (Socket s : sockets) {
      s.close();
    }
    awaitNothingBuffered();
    assertEquals(0, server.bufferedBodyBytes(), "a closed connection's answer still counted");
  }

  @Test
  @DisplayName("a whole message whose request never ends is closed at the body deadline")
  void wholeMessageNoEnd() throws Exception {
    byte[] request = GrpcTest.request(ServeFixtures.inputs(1, 5), null).toByteArray();
    whole(request, false, false);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (System.nanoTime() < until && server.bufferedBodyBytes() == 0) {
      Thread.sleep(5);
    }
    assertEquals(request.length, server.bufferedBodyBytes(), "the message counted");
    assertEquals(0, closedStreams(1_000), "closed before the deadline");
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    int closed = 0;
    while (System.nanoTime() < until && closed == 0) {
      closed += closedStreams(200);
    }
    assertEquals(1, closed, "the call after the 2 s body deadline");
    awaitNothingBuffered();
    assertEquals(0, server.bufferedBodyBytes(), "bytes still counted");
  }

  @Test
  @DisplayName("a REST request without a body is answered however full the body budget is")
  void healthWithFullBudget() throws Exception {
    try (InferenceServer full = InferenceServer.builder().port(0).maxBufferedBytes(1)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1))).build().start()) {
      // as curl and probes send them: no Content-Length (the JDK client sends one of 0)
      for (String path : new String[] {"/v2/health/live", "/v2/health/ready", "/metrics"}) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), full.port())) {
          s.setSoTimeout(5_000);
          s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          String status = new String(s.getInputStream().readNBytes(12),
              StandardCharsets.US_ASCII);
          assertEquals("HTTP/1.1 200", status, path);
        }
      }
      HttpClient client = HttpClient.newHttpClient();
      // a body of 2 bytes is over a budget of 1
      assertEquals(503, ServeFixtures.send(client, "POST",
          URI.create("http://127.0.0.1:" + full.port() + "/v2/models/blobs/infer"), "{}")
          .status());
    }
  }

  @Test
  @DisplayName("a call that sends headers alone is closed at the body deadline")
  void headersAlone() throws Exception {
    sockets.add(unfinished(server.grpcPort(), "/inference.GRPCInferenceService/ModelInfer",
        -1, 0));
    assertEquals(0, closedStreams(1_000), "closed before the deadline");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    int closed = 0;
    while (System.nanoTime() < until && closed == 0) {
      closed += closedStreams(200);
    }
    assertEquals(1, closed, "the headers-only call after the 2 s body deadline");
    assertTrue(ServeFixtures.metric(server.metricsText(), "ciclo_http_requests_total",
        "endpoint", GrpcFront.INFER, "code", "408") >= 1);
  }

  @Test
  @DisplayName("methods that run no model take small messages only")
  void smallMessagesElsewhere() {
    MethodDescriptor<byte[], byte[]> metadata = RawGrpc.method(
        GRPCInferenceServiceGrpc.getModelMetadataMethod().getFullMethodName());
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext().build();
    try {
      // field 1 (name) "blobs": a real request, answered
      byte[] ok = {10, 5, 'b', 'l', 'o', 'b', 's'};
      assertTrue(ClientCalls.blockingUnaryCall(channel, metadata,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ok).length > 0);
      // the same name followed by an unknown field of 2,000 bytes
      ByteArrayOutputStream big = new ByteArrayOutputStream();
      big.writeBytes(ok);
      big.writeBytes(new byte[] {(byte) 0xfa, 0x01, (byte) 0xd0, 0x0f}); // field 31, 2,000 bytes
      big.writeBytes(new byte[2_000]);
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> ClientCalls.blockingUnaryCall(channel, metadata,
              CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), big.toByteArray()));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
      assertTrue(e.getStatus().getDescription().contains("more than " + GrpcBodies.SMALL),
          e.getStatus().getDescription());
      // the same, 60,000 zero bytes gzip-compressed to well under 1 KiB: inflated, it is over
      ByteArrayOutputStream zeros = new ByteArrayOutputStream();
      zeros.writeBytes(ok);
      zeros.writeBytes(new byte[] {(byte) 0xfa, 0x01, (byte) 0xe0, (byte) 0xd4, 0x03}); // 60,000
      zeros.writeBytes(new byte[60_000]);
      e = assertThrows(StatusRuntimeException.class,
          () -> ClientCalls.blockingUnaryCall(channel, metadata,
              CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS).withCompression("gzip"),
              zeros.toByteArray()));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
      assertTrue(e.getStatus().getDescription().contains("(inflated)"),
          e.getStatus().getDescription());
      // still serving
      assertTrue(ClientCalls.blockingUnaryCall(channel, metadata,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ok).length > 0);
    } finally {
      channel.shutdownNow();
    }
  }

  /** Waits up to 5 s for the server to count no body bytes (its side of a close may lag). */
  private void awaitNothingBuffered() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until && server.bufferedBodyBytes() != 0) {
      Thread.sleep(5);
    }
  }

  /**
   * A connection that sends one ModelInfer call with the whole {@code message} in one DATA
   * frame, ending the request if {@code end}; granting the server no flow-control credit for
   * its answer if {@code noCredit}.
   */
  private void whole(byte[] message, boolean end, boolean noCredit) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.grpcPort());
    sockets.add(s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RawGrpc.preface(out);
    if (noCredit) { // SETTINGS: INITIAL_WINDOW_SIZE (4) = 0
      out.writeBytes(new byte[] {0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0});
    }
    byte[] b = RawGrpc.headers("/inference.GRPCInferenceService/ModelInfer");
    out.writeBytes(new byte[] {0, (byte) (b.length >> 8), (byte) b.length, 1, 4, 0, 0, 0, 1});
    out.writeBytes(b);
    int n = 5 + message.length; // END_STREAM is flag 0x1
    out.writeBytes(new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n, 0,
        (byte) (end ? 1 : 0), 0, 0, 0, 1, 0, (byte) (message.length >>> 24),
        (byte) (message.length >>> 16), (byte) (message.length >>> 8), (byte) message.length});
    out.writeBytes(message);
    s.getOutputStream().write(out.toByteArray());
    s.getOutputStream().flush();
  }

  /** A REST infer request of one row, followed by {@code spaces} spaces. */
  private ServeFixtures.Answer rest(int spaces) throws IOException, InterruptedException {
    return ServeFixtures.send(HttpClient.newHttpClient(), "POST",
        URI.create("http://127.0.0.1:" + server.port() + "/v2/models/blobs/infer"),
        ServeFixtures.inferBody(ServeFixtures.inputs(1, 2).get(0)) + " ".repeat(spaces));
  }

  /**
   * The streams that the server closed on the hostile sockets since the last call, read for up
   * to {@code millis} in all: each socket's frames until none arrive for a moment.
   */
  private int closedStreams(int millis) throws IOException {
    int closed = 0;
    int each = Math.max(5, millis / Math.max(1, sockets.size()));
    for (Socket s : sockets) {
      if (closedSockets.contains(s)) {
        continue; // its one stream is counted: a RST_STREAM may follow the trailers
      }
      s.setSoTimeout(each);
      DataInputStream in = new DataInputStream(s.getInputStream());
      try {
        while (true) {
          int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
          int type = in.readUnsignedByte();
          int flags = in.readUnsignedByte();
          int stream = in.readInt() & 0x7fffffff;
          s.setSoTimeout(5_000); // the rest of a frame that has begun
          in.readNBytes(length);
          s.setSoTimeout(each);
          boolean endStream = type == 1 && (flags & 1) != 0;
          if (stream != 0 && (endStream || type == 3)) {
            closed++;
            closedSockets.add(s);
            break;
          }
        }
      } catch (SocketTimeoutException | java.io.EOFException e) {
        // nothing more from this socket now
      }
    }
    return closed;
  }

  /**
   * A connection that opens one call of {@code path} and sends {@code sent} bytes of a message
   * that declares {@code declared} bytes (none, not even the message's prefix, if
   * {@code declared < 0}), and never finishes: raw HTTP/2, headers as HPACK literals.
   */
  private static Socket unfinished(int port, String path, int declared, int sent)
      throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RawGrpc.preface(out);
    byte[] b = RawGrpc.headers(path);
    // HEADERS of stream 1 with END_HEADERS (0x4), without END_STREAM
    out.writeBytes(new byte[] {0, (byte) (b.length >> 8), (byte) b.length, 1, 4, 0, 0, 0, 1});
    out.writeBytes(b);
    if (declared >= 0) {
      byte[] message = new byte[5 + sent];
      message[1] = (byte) (declared >>> 24); // byte 0: not compressed
      message[2] = (byte) (declared >>> 16);
      message[3] = (byte) (declared >>> 8);
      message[4] = (byte) declared;
      for (int at = 0; at < message.length; at += 16_384) { // DATA frames of at most 16 KiB
        int n = Math.min(16_384, message.length - at);
        out.writeBytes(new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n, 0, 0, 0, 0, 0,
            1});
        out.write(message, at, n);
      }
    }
    s.getOutputStream().write(out.toByteArray());
    s.getOutputStream().flush();
    return s;
  }
}
