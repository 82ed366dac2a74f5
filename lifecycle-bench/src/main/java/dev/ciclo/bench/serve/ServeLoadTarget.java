package dev.ciclo.bench.serve;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The servers a load test compares, in one JVM: a bare Jetty 12 handler on the same engine
 * and connector settings as Ciclo's, which reads the body and returns a fixed JSON answer of the
 * same size as Ciclo's (the ceiling), and Ciclo's {@link InferenceServer} serving a 4-feature,
 * 3-class Tribuo logistic regression as {@code blobs} over REST and gRPC (its default: small
 * requests to a model proven fast are predicted on the selector thread), a second
 * {@link InferenceServer} of the same model with inline predictions off
 * ({@link InferenceServer.Builder#inlinePredictions} zero, REST only: every request is handed to
 * a pool thread), and the bare handler declared blocking (Jetty's default for a handler), to
 * show what Jetty's thread hand-off costs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ciclo.bench.serve.ServeLoadTarget <threads>
 * <swapEveryMs>}. It prints {@code bare=<port> ciclo=<port> grpc=<port> handoff=<port>
 * bareblocking=<port>}, then serves until its standard input closes. With
 * {@code swapEveryMs > 0} it swaps the served model between two versions that often while
 * swapping is on (at first, and after a line {@code swaps on} on standard input; a line
 * {@code swaps off} pauses it), so that one JVM, equally warm, is measured with and without
 * swaps; it prints the number of swaps when it stops.
 */
public final class ServeLoadTarget {
  private ServeLoadTarget() {}

  /**
   * Starts both servers.
   *
   * @param args thread count and swap period in milliseconds (0: no swaps)
   * @throws Exception if a server cannot start
   */
  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long swapEveryMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    List<String> names = List.of("x0", "x1", "x2", "x3");
    SplittableRandom r = new SplittableRandom(1);
    double[][] centres = {{0, 0, 0, 0}, {4, 4, 0, 0}, {0, 4, 4, 4}};
    List<Example<FeatureVector, String>> examples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double[] v = new double[4];
      for (int d = 0; d < 4; d++) {
        v[d] = centres[i % 3][d] + r.nextGaussian();
      }
      examples.add(Example.of("e" + i, FeatureVector.of(names, v), "class" + (i % 3)));
    }
    TribuoClassifierModel<FeatureVector> trained =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity())
            .train(Dataset.of("bench", examples), 1);
    TribuoClassifierModel<FeatureVector> v1 = new TribuoClassifierModel<>(trained.tribuoModel(),
        FeatureExtractor.identity(), new ModelMetadata("blobs", "1", "tribuo", Map.of()));
    TribuoClassifierModel<FeatureVector> v2 = new TribuoClassifierModel<>(trained.tribuoModel(),
        FeatureExtractor.identity(), new ModelMetadata("blobs", "2", "tribuo", Map.of()));
    List<FeatureVector> warm = examples.subList(0, 3).stream().map(Example::input).toList();

    byte[] fixed = ("{\"model_name\":\"blobs\",\"model_version\":\"1\",\"id\":\"x-1\",\"outputs\":"
        + "[{\"name\":\"label\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"class2\"]},"
        + "{\"name\":\"scores\",\"shape\":[1,3],\"datatype\":\"FP64\",\"data\":"
        + "[0.0012345678901234,0.0023456789012345,0.9964197532086421]},"
        + "{\"name\":\"score_labels\",\"shape\":[3],\"datatype\":\"BYTES\",\"data\":"
        + "[\"class0\",\"class1\",\"class2\"]}]}").getBytes(StandardCharsets.UTF_8);
    // The same pool and connector as Ciclo's InferenceServer builds by default for `threads`:
    // only the handler differs.
    Server bare = bare(threads, fixed, false);
    // The same bare handler declared blocking, Jetty's default for a Handler: Jetty then hands
    // each request to a pool thread instead of running it on the selector.
    Server bareBlocking = bare(threads, fixed, true);

    InferenceServer ciclo = InferenceServer.builder().port(0).grpcPort(0).threads(threads)
        .serve(ServedModel.features("blobs", v1, names, warm)).build().start();
    // The same server with inline predictions off (every request handed to a pool thread):
    // what the default saves, measured beside it.
    InferenceServer handoff = InferenceServer.builder().port(0).threads(threads)
        .inlinePredictions(Duration.ZERO)
        .serve(ServedModel.features("blobs", v1, names, warm)).build().start();
    System.out.println("bare=" + port(bare) + " ciclo=" + ciclo.port() + " grpc="
        + ciclo.grpcPort() + " handoff=" + handoff.port() + " bareblocking="
        + port(bareBlocking));
    System.out.flush();

    AtomicLong swaps = new AtomicLong();
    AtomicBoolean swapping = new AtomicBoolean(true);
    Thread swapper = null;
    if (swapEveryMs > 0) {
      swapper = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(swapEveryMs);
            if (swapping.get()) {
              ciclo.swap("blobs", swaps.incrementAndGet() % 2 == 1 ? v2 : v1);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "swapper");
      swapper.setDaemon(true);
      swapper.start();
    }
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        // serve until the script closes our standard input
        if (line.equals("swaps on") || line.equals("swaps off")) {
          swapping.set(line.equals("swaps on"));
        }
      }
    } catch (IOException e) {
      // stdin gone: stop
    }
    if (swapper != null) {
      swapper.interrupt();
      swapper.join(2_000);
    }
    System.out.println("swaps=" + swaps.get());
    System.out.println(ciclo.metricsText().lines()
        .filter(l -> l.startsWith("ciclo_http_requests_total")
            || l.startsWith("ciclo_inline_predictions_total")
            || l.startsWith("ciclo_model_swap")).reduce("", (a, b) -> a + b + "\n"));
    ciclo.close();
    handoff.close();
    bare.stop();
    bareBlocking.stop();
  }

  private static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * A bare Jetty handler that reads the body and answers the fixed JSON, on the same thread
   * pool and connector settings as Ciclo's server; {@code blocking} declares it a blocking
   * handler for Jetty.
   */
  private static Server bare(int threads, byte[] fixed, boolean blocking) throws Exception {
    // The same pool as Ciclo's InferenceServer builds by default for `threads` and the same
    // connector: one acceptor, a selector per processor the JVM may use (at most `threads`).
    int selectors = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
    QueuedThreadPool pool = new QueuedThreadPool(16 + 2 * threads + selectors, 4);
    pool.setDaemon(true);
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, selectors,
        new HttpConnectionFactory(http));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract(blocking ? InvocationType.BLOCKING
        : InvocationType.NON_BLOCKING) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Content.Source.consumeAll(request, Callback.from(() -> {
          response.setStatus(200);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
          response.write(true, ByteBuffer.wrap(fixed), callback);
        }, callback::failed));
        return true;
      }
    });
    server.start();
    return server;
  }
}
