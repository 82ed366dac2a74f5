package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferResponse;
import dev.ciclo.serve.testing.ServerSockets;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bare TCP connections to the gRPC port (connect, send nothing) against {@code maxConnections}:
 * what the server process holds is counted from outside its code, in {@code /proc} (the server
 * runs in this JVM), on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcConnectionLimitTest {
  private static final int LIMIT = 50;
  private static final int BARE = 300;

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  @DisplayName("the default connection limit leaves the process file descriptors: 10,000 per port,"
      + " or (limit - reserve) / ports under a lower ulimit -n, the reserve a quarter of it, at"
      + " most 1,024")
  void defaultLimitFollowsDescriptorLimit() {
    assertEquals(9_488, InferenceServer.Builder.defaultMaxConnections(20_000, 2));
    assertEquals(384, InferenceServer.Builder.defaultMaxConnections(1_024, 2));
    assertEquals(768, InferenceServer.Builder.defaultMaxConnections(1_024, 1));
    assertEquals(10_000, InferenceServer.Builder.defaultMaxConnections(1_048_576, 2));
    assertEquals(10_000, InferenceServer.Builder.defaultMaxConnections(-1, 2));
    assertEquals(16, InferenceServer.Builder.defaultMaxConnections(40, 2));
  }

  @Test
  @DisplayName("gRPC's default limit also keeps every connection's flow-control window (128 KiB,"
      + " what it may send before the server counts it) within an eighth of the direct memory,"
      + " at least 16 connections")
  void defaultGrpcLimitFollowsDirectMemory() {
    assertEquals(128 << 10, GrpcBodies.WINDOW);
    assertEquals(256, InferenceServer.Builder.defaultGrpcConnections(9_488, 256L << 20));
    assertEquals(2_048, InferenceServer.Builder.defaultGrpcConnections(9_488, 2L << 30));
    assertEquals(9_488, InferenceServer.Builder.defaultGrpcConnections(9_488, 16L << 30));
    assertEquals(384, InferenceServer.Builder.defaultGrpcConnections(384, 2L << 30));
    assertEquals(16, InferenceServer.Builder.defaultGrpcConnections(9_488, 1L << 20));
    // this JVM: the REST default, within an eighth of its direct memory in windows
    InferenceServer.Builder b = InferenceServer.builder().grpcPort(0);
    long windows = InferenceServer.Builder.maxDirectMemory() / 8 / (128 << 10);
    assertEquals(Math.max(16, Math.min(b.connectionLimit(), windows)),
        b.grpcConnectionLimit(b.connectionLimit()));
    // a limit set on the builder is kept on both ports
    InferenceServer.Builder set = InferenceServer.builder().grpcPort(0).maxConnections(20_000);
    assertEquals(20_000, set.grpcConnectionLimit(set.connectionLimit()));
  }

  @Test
  @DisplayName("a server without maxConnections takes its limit from this process's soft"
      + " 'Max open files' in /proc/self/limits; one set on the builder is kept as it is")
  void defaultReadsThisProcessLimit() throws IOException {
    long soft = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        soft = Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
      }
    }
    assertTrue(soft > 0, "no 'Max open files' line in /proc/self/limits");
    long reserve = Math.min(1024, soft / 4);
    assertEquals(Math.max(16, Math.min(10_000, (soft - reserve) / 2)),
        InferenceServer.builder().grpcPort(0).connectionLimit());
    assertEquals(Math.max(16, Math.min(10_000, soft - reserve)),
        InferenceServer.builder().connectionLimit());
    assertEquals(LIMIT, InferenceServer.builder().grpcPort(0).maxConnections(LIMIT)
        .connectionLimit());
  }

  @Test
  @DisplayName("300 bare connections to the gRPC port leave at most maxConnections (50) sockets"
      + " in the server; REST answers meanwhile, and a gRPC call queued behind them is answered"
      + " once they close")
  void bareConnections() throws Exception {
    // a handshake timeout longer than the test: only the cap can keep the sockets out
    try (InferenceServer server = InferenceServer.builder().port(0).grpcPort(0).threads(2)
        .maxConnections(LIMIT).headerTimeout(Duration.ofSeconds(30)).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1)))
        .build().start()) {
      int port = server.grpcPort();
      List<Socket> bare = new ArrayList<>();
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
          .build();
      try {
        assertCapped(port, bare);

        assertEquals(200, ServeFixtures.send(http, "GET",
            URI.create(server.uri() + "/v2/health/ready"), null).status());
        assertEquals(200, ServeFixtures.send(http, "POST",
            URI.create(server.uri() + "/v2/models/blobs/infer"),
            ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0))).status());

        ListenableFuture<ModelInferResponse> queued = GRPCInferenceServiceGrpc
            .newFutureStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
            .modelInfer(GrpcHostileTest.request("blobs"));
        Thread.sleep(500);
        assertFalse(queued.isDone(), "a gRPC call was answered while " + LIMIT
            + " bare connections held every slot");
        for (Socket s : bare) {
          s.close();
        }
        assertEquals(1, queued.get(10, TimeUnit.SECONDS).getOutputs(0).getContents()
            .getBytesContentsCount());
        // what the closed connections held is given back: only the client's connection stays
        awaitHeld(port, 1);
      } finally {
        channel.shutdownNow();
        for (Socket s : bare) {
          s.close();
        }
      }
    }
  }

  @Test
  @DisplayName("on the NIO transport too (which would accept 16 connections a wake-up before"
      + " the pause could act), and all is given back when they close")
  void nioTransport() throws Exception {
    List<Socket> bare = new ArrayList<>();
    try (GrpcConnections nio = new GrpcConnections(LIMIT, false)) {
      io.grpc.Server grpc = nio.serverBuilder(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
      try {
        assertCapped(grpc.getPort(), bare);
        for (Socket s : bare) {
          s.close();
        }
        awaitHeld(grpc.getPort(), 0);
      } finally {
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        for (Socket s : bare) {
          s.close();
        }
      }
    }
  }

  /**
   * Opens {@link #BARE} bare connections into {@code bare} and checks that the server holds
   * {@link #LIMIT} of them, never more, over 1.5 s.
   */
  private static void assertCapped(int port, List<Socket> bare) throws Exception {
    for (int i = 0; i < BARE; i++) {
      Socket s = new Socket();
      bare.add(s);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    }
    int most = 0;
    int held = 0;
    for (long until = System.nanoTime() + 1_500_000_000L; System.nanoTime() < until; ) {
      held = serverSockets(port);
      most = Math.max(most, held);
      Thread.sleep(50);
    }
    assertTrue(most <= LIMIT, "the server held " + most + " sockets of " + BARE
        + " bare connections; the limit is " + LIMIT);
    // a read of /proc/net/tcp may miss a line that moved while it was read: take two
    assertEquals(LIMIT, Math.max(held, serverSockets(port)), "the server accepts up to the limit");
  }

  /**
   * Waits up to 5 s for the server's side of the port to be down to {@code n} connections, those
   * still in the accept backlog included (NIO accepts them one by one: what the server holds can
   * be 0 for a moment while more wait), and checks that the server holds them.
   */
  private static void awaitHeld(int port, int n) throws Exception {
    long t0 = System.nanoTime();
    while (entries(port).size() > n && System.nanoTime() - t0 < 5_000_000_000L) {
      Thread.sleep(50);
    }
    assertEquals(n, Math.max(entries(port).size(), entries(port).size()),
        "connections left on the port");
    assertEquals(n, Math.max(serverSockets(port), serverSockets(port)));
  }

  private static int serverSockets(int port) throws IOException {
    return ServerSockets.held(ProcessHandle.current().pid(), port);
  }

  private static Map<String, String> entries(int port) throws IOException {
    return ServerSockets.entries(ProcessHandle.current().pid(), port);
  }
}
