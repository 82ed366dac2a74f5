package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What an attacker or a careless client does to the server, on loopback, each case bounded in
 * time and followed by "still serving": slow connections, oversized request line and headers,
 * too many headers, chunked garbage, slow bodies, an {@code Error} in a model, too many requests
 * in flight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileClientsTest {
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicReference<Throwable> toThrow = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> entered = new AtomicReference<>();
  private InferenceServer server;

  @BeforeAll
  void start() {
    List<FeatureVector> warm = ServeFixtures.inputs(2, 1);
    Predictor<FeatureVector, String> model = ServeFixtures.model("1", 7);
    Predictor<FeatureVector, String> moody = new Predictor<>() {
      @Override
      public Prediction<String> predict(FeatureVector x) {
        Throwable t = toThrow.get();
        if (t instanceof Error e) {
          throw e;
        }
        CountDownLatch l = hold.get();
        if (l != null) {
          entered.get().countDown();
          try {
            l.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return model.predict(x);
      }

      @Override
      public ModelMetadata metadata() {
        return model.metadata();
      }
    };
    server = InferenceServer.builder().port(0).threads(4)
        .headerTimeout(Duration.ofSeconds(2)).bodyTimeout(Duration.ofSeconds(2))
        .idleTimeout(Duration.ofSeconds(20)).maxInFlight(4).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", model, ServeFixtures.NAMES, warm))
        .serve(ServedModel.features("moody", moody, ServeFixtures.NAMES, warm))
        .build().start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private URI uri(String path) {
    return URI.create(server.uri() + path);
  }

  private void assertStillServing() throws Exception {
    ServeFixtures.Answer a = ServeFixtures.send(client, "POST", uri("/v2/models/blobs/infer"),
        ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0)));
    assertEquals(200, a.status(), a.body());
  }

  /** Writes raw bytes (stopping at the first write error) and returns the status line read. */
  private String raw(byte[] request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      // Read while writing: the server answers and closes before it has read everything, and
      // a reset after its close must not swallow the answer.
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
        try {
          return statusLine(in);
        } catch (IOException e) {
          return "read failed: " + e;
        }
      });
      OutputStream out = s.getOutputStream();
      try {
        for (int at = 0; at < request.length; at += 16_384) {
          out.write(request, at, Math.min(16_384, request.length - at));
        }
        out.flush();
      } catch (IOException e) {
        // The server closed its side; its answer is what counts.
      }
      return answer.get(15, TimeUnit.SECONDS);
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.write(c);
    }
    return line.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  @DisplayName("250 connections sending one header line a second do not stop a normal client:"
      + " at least 95% of its answers come within 1 s, and the slow ones are cut off")
  void slowConnections() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 250; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.getOutputStream().write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"));
        slow.add(s);
      }
      Thread dripper = new Thread(() -> {
        for (int round = 0; round < 6 && !Thread.currentThread().isInterrupted(); round++) {
          for (Socket s : slow) {
            try {
              s.getOutputStream().write(ascii("X-Drip-" + round + ": 1\r\n"));
            } catch (IOException e) {
              // cut off by the server: expected after the header deadline
            }
          }
          try {
            Thread.sleep(1_000);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      dripper.setDaemon(true);
      dripper.start();
      int fast = 0;
      int n = 40;
      String body = ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0));
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        ServeFixtures.Answer a = ServeFixtures.send(client, "POST", uri("/v2/models/blobs/infer"),
            body);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (a.status() == 200 && ms <= 1_000) {
          fast++;
        }
        Thread.sleep(100);
      }
      dripper.interrupt();
      assertTrue(fast >= 0.95 * n, fast + " of " + n + " answers within 1 s");
      // After the 2 s header deadline, the slow connections have been sent a 408 and closed
      // by the server (a connection whose drip came after the close may see a reset instead).
      int closed = 0;
      int told = 0;
      for (Socket s : slow) {
        s.setSoTimeout(3_000);
        try {
          String got = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
          closed++;
          told += got.startsWith("HTTP/1.1 408 Request Timeout\r\n") ? 1 : 0;
        } catch (IOException e) {
          closed++;
        }
      }
      assertEquals(slow.size(), closed, "slow connections cut off by the header deadline");
      assertTrue(told >= slow.size() / 2, told + " of " + slow.size() + " cut connections read"
          + " a 408");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    assertStillServing();
  }

  @Test
  @DisplayName("a 1 MB request line gets 414, a 1 MB header and 10,000 headers get 431")
  void oversized() throws Exception {
    String line = raw(ascii("GET /v2/models/" + "a".repeat(1 << 20)
        + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertTrue(line.startsWith("HTTP/1.1 414"), line);
    assertStillServing();
    String header = raw(ascii("GET /v2/health/live HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "b".repeat(1 << 20) + "\r\n\r\n"));
    assertTrue(header.startsWith("HTTP/1.1 431"), header);
    assertStillServing();
    StringBuilder many = new StringBuilder("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 10_000; i++) {
      many.append("X-").append(i).append(": 1\r\n");
    }
    String count = raw(ascii(many.append("\r\n").toString()));
    assertTrue(count.startsWith("HTTP/1.1 431"), count);
    assertStillServing();
    StringBuilder some = new StringBuilder("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 150; i++) {
      some.append("X-").append(i).append(": 1\r\n");
    }
    String small = raw(ascii(some.append("\r\n").toString()));
    assertTrue(small.startsWith("HTTP/1.1 431"), "150 small headers, over the count: " + small);
    assertStillServing();
  }

  @Test
  @DisplayName("chunked garbage is answered 400 and counted, and the server keeps serving")
  void chunkedGarbage() throws Exception {
    String line = raw(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
        + "ZZZ-not-a-size\r\n{\"inputs\":[]}\r\n0\r\n\r\n"));
    assertTrue(line.startsWith("HTTP/1.1 400"), line);
    String m = server.metricsText();
    assertTrue(ServeFixtures.metric(m, "ciclo_http_requests_total", "code", "400") >= 1, m);
    assertStillServing();
  }

  @Test
  @DisplayName("a body that trickles past the body deadline gets 408")
  void slowBody() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 1000\r\n\r\n{\"inputs\":"));
      long t0 = System.nanoTime();
      String line = statusLine(s.getInputStream());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(line.startsWith("HTTP/1.1 408"), line);
      assertTrue(ms < 6_000, "answered after " + ms + " ms");
    }
    assertStillServing();
  }

  @Test
  @DisplayName("a body that stops arriving gets 408 from the idle timeout too, when that comes"
      + " before the body deadline (it was a 400 'malformed')")
  void idleBody() throws Exception {
    List<FeatureVector> warm = ServeFixtures.inputs(2, 1);
    try (InferenceServer quick = InferenceServer.builder().port(0).threads(2)
        .idleTimeout(Duration.ofSeconds(1)).bodyTimeout(Duration.ofSeconds(20))
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            warm))
        .build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), quick.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 100\r\n\r\n{\"inp"));
      long t0 = System.nanoTime();
      InputStream in = s.getInputStream();
      String line = statusLine(in);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(line.startsWith("HTTP/1.1 408"), line);
      assertTrue(ms < 5_000, "answered after " + ms + " ms");
      String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(rest.contains("request body stopped arriving"), rest);
    }
    assertStillServing();
  }

  @Test
  @DisplayName("an Error thrown by a model is a 500, and the server keeps serving")
  void errorInModel() throws Exception {
    String body = ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0));
    for (Throwable t : List.of(new StackOverflowError("deep"), new AssertionError("broken"),
        new ExceptionInInitializerError("static"))) {
      toThrow.set(t);
      try {
        ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
            uri("/v2/models/moody/infer"), body);
        assertEquals(500, a.status(), a.body());
        assertTrue(a.body().contains(t.getClass().getSimpleName()), a.body());
      } finally {
        toThrow.set(null);
      }
      assertStillServing();
    }
  }

  /** Opens a connection and sends a request's headers and the first bytes of its body. */
  private Socket stalled(long declared, int sent) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n"));
    if (sent > 0) {
      byte[] part = new byte[sent];
      Arrays.fill(part, (byte) ' ');
      part[0] = '{';
      try {
        out.write(part);
        out.flush();
      } catch (IOException e) {
        // the server answered and closed before reading it all: its answer is what counts
      }
    }
    return s;
  }

  @Test
  @DisplayName("60 connections that stall their bodies (15 times the in-flight limit) do not stop"
      + " a normal client or the health checks, and each gets 408")
  void stalledBodies() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 60; i++) {
        stalled.add(stalled(1000, 1));
      }
      int fast = 0;
      int n = 15;
      String body = ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0));
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        ServeFixtures.Answer a = ServeFixtures.send(client, "POST", uri("/v2/models/blobs/infer"),
            body);
        if (a.status() == 200 && System.nanoTime() - t0 <= 1_000_000_000L) {
          fast++;
        }
      }
      assertTrue(fast >= 0.95 * n, fast + " of " + n + " answers within 1 s");
      for (String health : List.of("/v2/health/live", "/v2/health/ready")) {
        assertEquals(200, ServeFixtures.send(client, "GET", uri(health), null).status(), health);
      }
      expect408(stalled, "a stalled body");
    } finally {
      closeAll(stalled);
    }
    assertStillServing();
  }

  @Test
  @DisplayName("bodies being received hold memory for what arrived, not what was declared, up to"
      + " maxInFlight x maxRequestBytes together (503 beyond), and give it all back")
  void bodyMemory() throws Exception {
    long max = 4L << 20; // the default maxRequestBytes; maxInFlight is 4: 16 MiB together
    List<Socket> open = new ArrayList<>();
    try {
      // 40 declare 4 MiB each (160 MiB) and send a byte: buffers of kilobytes, no 503
      for (int i = 0; i < 40; i++) {
        open.add(stalled(max, 1));
      }
      expect408(open, "a declared length reserved memory");
    } finally {
      closeAll(open);
    }
    try {
      // 4 send all but a byte of 4 MiB and stall, holding 16 MiB together: two more bodies get
      // 503 at once (before the 4 get 408 at the body deadline)
      for (int i = 0; i < 4; i++) {
        open.add(stalled(max, (int) max - 1));
      }
      // the writes return once the kernel has the bytes: wait until the server has read them
      awaitBuffered(4 * max);
      for (int i = 0; i < 2; i++) {
        try (Socket more = stalled(1000, 0)) {
          long t0 = System.nanoTime();
          String line = statusLine(more.getInputStream());
          assertTrue(line.startsWith("HTTP/1.1 503"), line);
          assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "503 not at once");
        }
      }
      expect408(open, "a body within the bound");
    } finally {
      closeAll(open);
    }
    try {
      // nothing was kept: four more bodies of almost 4 MiB fit again
      for (int i = 0; i < 4; i++) {
        open.add(stalled(max, (int) max - 1));
      }
      awaitBuffered(4 * max);
      expect408(open, "memory not given back");
    } finally {
      closeAll(open);
    }
    awaitBuffered(0);
    assertStillServing();
  }

  /** Each connection's answer is a 408 (the body deadline). */
  private static void expect408(List<Socket> sockets, String otherwise) throws IOException {
    for (Socket s : sockets) {
      String line = statusLine(s.getInputStream());
      assertTrue(line.startsWith("HTTP/1.1 408"), otherwise + ": " + line);
    }
  }

  private static void closeAll(List<Socket> sockets) throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  /** Waits (up to 10 s) until the server buffers exactly {@code bytes} of bodies arriving. */
  private void awaitBuffered(long bytes) throws InterruptedException {
    long until = System.nanoTime() + 10_000_000_000L;
    while (server.bufferedBodyBytes() != bytes && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(bytes, server.bufferedBodyBytes(), "bytes buffered for bodies not answered");
  }

  /**
   * Sends four requests with this body to the model that holds them until {@link #hold} opens,
   * and returns once all four are in it.
   */
  private List<CompletableFuture<ServeFixtures.Answer>> holdFour(String body,
      ExecutorService senders) throws InterruptedException {
    CountDownLatch in = new CountDownLatch(4);
    entered.set(in);
    hold.set(new CountDownLatch(1));
    List<CompletableFuture<ServeFixtures.Answer>> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(CompletableFuture.supplyAsync(() -> {
        try {
          return ServeFixtures.send(client, "POST", uri("/v2/models/moody/infer"), body);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, senders));
    }
    assertTrue(in.await(10, TimeUnit.SECONDS), "4 requests held in the model");
    return held;
  }

  /** Lets the held requests go and checks that each was answered 200. */
  private void release(List<CompletableFuture<ServeFixtures.Answer>> held,
      ExecutorService senders) throws Exception {
    hold.getAndSet(null).countDown();
    senders.shutdown();
    for (CompletableFuture<ServeFixtures.Answer> f : held) {
      assertEquals(200, f.get(10, TimeUnit.SECONDS).status());
    }
  }

  @Test
  @DisplayName("over the in-flight limit the answer is 503 with Retry-After, then serving resumes")
  void inFlightLimit() throws Exception {
    String body = ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0));
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<CompletableFuture<ServeFixtures.Answer>> held = holdFour(body, senders);
    try {
      java.net.http.HttpResponse<String> busy = client.send(
          java.net.http.HttpRequest.newBuilder(uri("/v2/models/blobs/infer"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
              .timeout(Duration.ofSeconds(5)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(503, busy.statusCode(), busy.body() + " held: " + held);
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
      assertTrue(busy.body().contains("4 requests are in flight"), busy.body());
      // health, metadata and metrics run no model: they stay available (a liveness probe must
      // not fail, and restart the server, because it is busy), at once, not after the held
      // predictions (they hold every prediction permit for up to 10 s)
      for (String path : List.of("/v2/health/live", "/v2/health/ready", "/v2/models/blobs",
          "/metrics")) {
        long t = System.nanoTime();
        java.net.http.HttpResponse<String> r = client.send(
            java.net.http.HttpRequest.newBuilder(uri(path)).GET()
                .timeout(Duration.ofSeconds(5)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertEquals(200, r.statusCode(), path);
        assertTrue(ms < 2_000, path + " waited " + ms + " ms behind the held predictions");
      }
    } finally {
      release(held, senders);
    }
    assertStillServing();
  }

  @Test
  @DisplayName("a body the memory bound cannot hold gets 503 at once, the rest of it is read and"
      + " dropped, and the connection carries the next request")
  void refusedBodyRead() throws Exception {
    // every body is over a bound of one byte
    try (InferenceServer full = InferenceServer.builder().port(0).maxBufferedBytes(1)
        .bodyTimeout(Duration.ofSeconds(5)).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1))).build().start()) {
      // a client that sends 3.9 MB and reads its answer afterwards: closing the connection
      // under it lost the answer ("header parser received no bytes")
      byte[] large = new byte[3_900_000];
      Arrays.fill(large, (byte) ' ');
      large[0] = '{';
      large[large.length - 1] = '}';
      java.net.http.HttpResponse<String> busy = client.send(java.net.http.HttpRequest.newBuilder(
              URI.create(full.uri() + "/v2/models/blobs/infer"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(large)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(503, busy.statusCode(), busy.body());
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));

      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), full.port())) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        int declared = 200_000;
        out.write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
            + "Content-Length: " + declared + "\r\n\r\n{"));
        out.flush();
        long t0 = System.nanoTime();
        assertEquals("HTTP/1.1 503 Service Unavailable", statusLine(in));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "503 not at once");
        String head = headers(in);
        assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
        in.readNBytes(contentLength(head));
        byte[] rest = new byte[declared - 1];
        Arrays.fill(rest, (byte) ' ');
        out.write(rest);
        out.write(ascii("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n"));
        out.flush();
        assertEquals("HTTP/1.1 200 OK", statusLine(in));
      }

      // a refused body that stops arriving: the connection closes at the body deadline (5 s)
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), full.port())) {
        s.setSoTimeout(15_000);
        s.getOutputStream().write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
            + "Content-Length: 100000\r\n\r\n{"));
        InputStream in = s.getInputStream();
        long t0 = System.nanoTime();
        assertEquals("HTTP/1.1 503 Service Unavailable", statusLine(in));
        in.readNBytes(contentLength(headers(in)));
        assertEquals(-1, in.read(), "the connection stayed open");
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited > 3_000 && waited < 10_000, "closed after " + waited + " ms");
      }

      // a client that waits for 100 Continue is not invited: 503, and the connection closes
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), full.port())) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
            + "Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n"));
        InputStream in = s.getInputStream();
        assertEquals("HTTP/1.1 503 Service Unavailable", statusLine(in));
        String head = headers(in);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
        in.readNBytes(contentLength(head));
        assertEquals(-1, in.read(), "the connection stayed open");
      }
      String m = full.metricsText();
      assertEquals(4.0, ServeFixtures.metric(m, "ciclo_http_requests_total", "endpoint",
          "infer", "code", "503"), m);
    }
  }

  @Test
  @DisplayName("a body refused part way, when its buffer would outgrow the memory bound, gets 503"
      + " at once and the connection carries the next request once the rest is sent")
  void bodyRefusedPartWay() throws Exception {
    // the first 16 KiB of a body fit in a bound of 20,000 bytes; growing past them does not
    try (InferenceServer partial = InferenceServer.builder().port(0).maxBufferedBytes(20_000)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", ServeFixtures.model("1", 7), ServeFixtures.NAMES,
            ServeFixtures.inputs(2, 1))).build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), partial.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      int declared = 100_000;
      byte[] body = new byte[declared];
      Arrays.fill(body, (byte) ' ');
      body[0] = '{';
      out.write(ascii("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: " + declared + "\r\n\r\n"));
      out.write(body, 0, 40_000);
      out.flush();
      assertEquals("HTTP/1.1 503 Service Unavailable", statusLine(in));
      String head = headers(in);
      assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
      in.readNBytes(contentLength(head));
      out.write(body, 40_000, declared - 40_000);
      out.write(ascii("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n"));
      out.flush();
      assertEquals("HTTP/1.1 200 OK", statusLine(in));
      assertEquals(0, partial.bufferedBodyBytes(), "bytes still counted");
    }
  }

  /** The header lines after the status line, up to the empty line. */
  private static String headers(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    String line;
    while (!(line = statusLine(in)).isEmpty()) {
      head.append(line).append('\n');
    }
    return head.toString();
  }

  private static int contentLength(String head) {
    for (String line : head.split("\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }

  @Test
  @DisplayName("bodies waiting in the server count against the memory bound until answered:"
      + " with four bodies of almost 4 MiB in the model, a fifth body gets 503 at once")
  void heldBodiesHoldMemory() throws Exception {
    String row = ServeFixtures.inferBody(ServeFixtures.inputs(1, 3).get(0));
    // JSON whitespace up to 4 MiB less a kilobyte: four fill the 16 MiB bound but for 4 KiB
    String body = row + " ".repeat((4 << 20) - 1024 - row.length());
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<CompletableFuture<ServeFixtures.Answer>> held = holdFour(body, senders);
    try {
      assertTrue(server.bufferedBodyBytes() >= 4L * body.length(),
          "bodies held in the model are not counted: " + server.bufferedBodyBytes());
      try (Socket more = stalled(100_000, 0)) {
        long t0 = System.nanoTime();
        String line = statusLine(more.getInputStream());
        assertTrue(line.startsWith("HTTP/1.1 503"), line);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "503 not at once");
      }
    } finally {
      release(held, senders);
    }
    awaitBuffered(0);
    assertStillServing();
  }
}
