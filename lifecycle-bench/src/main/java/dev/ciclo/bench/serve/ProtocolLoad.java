package dev.ciclo.bench.serve;

import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2.InferTensorContents;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop Java load client for one protocol: {@code callers} threads each send one
 * ModelInfer (gRPC, over one shared HTTP/2 channel) or one REST infer (JDK HttpClient, HTTP/1.1
 * keep-alive) after the other for {@code seconds}, the same single row as the wrk script.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ciclo.bench.serve.ProtocolLoad <grpcPort>
 * <restPort> <callers> <seconds> <repeats> [warmupSeconds]}: both clients in one JVM, warmed up
 * (10 s by default, alternately, then in rounds until both are steady, at most 60 s more), then
 * measured alternately {@code repeats} times; prints one line per run and the median ratio
 * gRPC/REST, and how many REST requests were sent a second time because the JDK client failed
 * them on a pooled connection it had closed itself (see {@code restCall}); any other failure
 * stops the run.
 */
public final class ProtocolLoad {
  private ProtocolLoad() {}

  /**
   * Runs the load.
   *
   * @param args protocol, port, callers, seconds
   * @throws Exception if the load cannot run
   */
  public static void main(String[] args) throws Exception {
    int grpcPort = Integer.parseInt(args[0]);
    int restPort = Integer.parseInt(args[1]);
    int callers = Integer.parseInt(args[2]);
    double seconds = Double.parseDouble(args[3]);
    int repeats = Integer.parseInt(args[4]);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
        .build();
    Runnable grpc = grpcCall(channel);
    Runnable rest = restCall(restPort);
    double warm = args.length > 5 ? Double.parseDouble(args[5]) : 10;
    for (int i = 0; i < 2; i++) {
      run(grpc, callers, warm / 2);
      run(rest, callers, warm / 2);
    }
    // Then until both are warm: on a busy machine the JIT gets little CPU, and the gRPC side
    // (Netty, HTTP/2, protobuf on both ends) has far more code to compile than the JDK client,
    // so a fixed warm-up measured compilation rather than the protocols. Rounds of 2 x 2.5 s
    // until neither moves by more than 10 %, for at most 60 s more.
    double extra = 0;
    double g0 = run(grpc, callers, 2.5);
    double r0 = run(rest, callers, 2.5);
    while (extra < 60) {
      double g1 = run(grpc, callers, 2.5);
      double r1 = run(rest, callers, 2.5);
      extra += 5;
      boolean steady = Math.abs(g1 - g0) <= 0.1 * g1 && Math.abs(r1 - r0) <= 0.1 * r1;
      g0 = g1;
      r0 = r1;
      if (steady) {
        break;
      }
    }
    System.out.printf(java.util.Locale.ROOT, "warm-up %.0f s (the last 5 s: grpc %.0f req/s,"
        + " rest %.0f req/s)%n", warm + 5 + extra, g0, r0);
    double[] ratios = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      double g;
      double r;
      if (i % 2 == 0) {
        g = run(grpc, callers, seconds);
        r = run(rest, callers, seconds);
      } else {
        r = run(rest, callers, seconds);
        g = run(grpc, callers, seconds);
      }
      ratios[i] = g / r;
      System.out.printf(java.util.Locale.ROOT, "pair %d grpc %.0f req/s rest %.0f req/s ratio"
          + " %.2f%n", i + 1, g, r, ratios[i]);
    }
    java.util.Arrays.sort(ratios);
    double median = repeats % 2 == 1 ? ratios[repeats / 2]
        : (ratios[repeats / 2 - 1] + ratios[repeats / 2]) / 2;
    System.out.printf(java.util.Locale.ROOT, "median ratio grpc/rest %.2f%n", median);
    System.out.printf(java.util.Locale.ROOT, "REST requests the JDK client failed on a pooled"
        + " connection before any answer byte and that were sent again: %d%n", RETRIED.get());
    channel.shutdownNow();
  }

  private static Runnable grpcCall(ManagedChannel channel) {
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub =
        GRPCInferenceServiceGrpc.newBlockingStub(channel);
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (double v : new double[] {0.1, 4.2, 3.9, 4.1}) {
      c.addFp64Contents(v);
    }
    ModelInferRequest req = ModelInferRequest.newBuilder().setModelName("blobs")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x")
            .setDatatype("FP64").addShape(1).addShape(4).setContents(c)).build();
    return () -> stub.modelInfer(req);
  }

  /** REST requests sent again after the JDK client failed them before any answer byte. */
  private static final AtomicLong RETRIED = new AtomicLong();

  private static Runnable restCall(int port) {
    // A client must not reuse a keep-alive connection longer than the server keeps it open
    // (Ciclo's idle timeout: 30 s), or a POST may go out on a connection the server is closing
    // (and a POST is not retried). The JDK client's default keeps them 1,200 s: this load
    // alternates protocols, so a pooled REST connection can sit idle that long.
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", "20");
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/v2/models/blobs/infer")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"name\":\"x\",\"shape\":"
            + "[1,4],\"datatype\":\"FP64\",\"data\":[0.1,4.2,3.9,4.1]}]}")).build();
    return () -> {
      try {
        HttpResponse<byte[]> r;
        try {
          r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
          // The JDK 17 client, about once in 400,000 to 700,000 requests of this load, closes
          // a pooled keep-alive connection itself (its FIN goes out first, with no byte of
          // the request sent: seen with tcpdump, the server read nothing after its last
          // answer) and fails the request it gave that connection with "HTTP/1.1 header
          // parser received no bytes". For a GET it would send the request again on another
          // connection (a connection that fails before any answer byte is "expired"); a POST
          // it does not retry unless jdk.httpclient.enableAllMethodRetry is set. An inference
          // has no side effect a second try could repeat, so, as clients with a retry on
          // connection failure do (OkHttp, Apache HttpClient for requests not sent), it is
          // sent once more here, and counted: the count is printed with the results.
          if (e instanceof java.net.http.HttpTimeoutException) {
            throw e;
          }
          RETRIED.incrementAndGet();
          r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        }
        if (r.statusCode() != 200) {
          throw new IllegalStateException("REST answered " + r.statusCode() + ": "
              + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }

  /** Requests per second of {@code callers} closed loops over {@code seconds}. */
  private static double run(Runnable call, int callers, double seconds) throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    java.util.Queue<String> causes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<?>> fs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < callers; i++) {
      fs.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          try {
            call.run();
            ok.incrementAndGet();
          } catch (RuntimeException e) {
            if (failed.incrementAndGet() <= 5) {
              causes.add(e + (e.getCause() != null ? " caused by " + e.getCause() : ""));
            }
          }
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " failed requests, the first: " + causes);
    }
    return ok.get() / ((System.nanoTime() - t0) / 1e9);
  }
}
