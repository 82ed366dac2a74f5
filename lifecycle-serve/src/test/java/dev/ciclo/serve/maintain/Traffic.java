package dev.ciclo.serve.maintain;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.core.testing.World;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A server for a {@link World}'s champion and a client that posts points to it. */
final class Traffic implements AutoCloseable {
  private final World world;
  final InferenceServer server;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger ids = new AtomicInteger();

  Traffic(World world) {
    this.world = world;
    SplittableRandom r = new SplittableRandom(3);
    List<FeatureVector> warm = List.of(World.point(World.OLD.get("a"), r),
        World.point(World.OLD.get("b"), r));
    this.server = InferenceServer.builder().port(0).threads(4).stopGrace(Duration.ZERO)
        .predictionLog(world.log).clock(world.clock).shadowExecutor(Runnable::run)
        .serve(ServedModel.features(World.MODEL, world.served(), World.NAMES, warm))
        .build().start();
  }

  /** Itself, for try-with-resources. */
  Traffic closing() {
    return this;
  }

  @Override
  public void close() {
    server.close();
  }

  URI infer() {
    return URI.create(server.uri() + "/v2/models/" + World.MODEL + "/infer");
  }

  /** Posts one point; returns the HTTP status. */
  int post(HttpClient c, String id, FeatureVector x, Consent consent)
      throws IOException, InterruptedException {
    String body = String.format(Locale.ROOT, "{\"id\":\"%s\",\"parameters\":{\"consent\":\"%s\"},"
        + "\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[%s,%s]}]}",
        id, consent.name().toLowerCase(Locale.ROOT), x.get(0), x.get(1));
    HttpResponse<String> a = c.send(HttpRequest.newBuilder(infer())
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return a.statusCode();
  }

  /**
   * Posts {@code n} points of a world, one second apart on the world's clock, and returns their
   * true labels.
   */
  List<LabelRecord> send(Map<String, double[]> w, int n, Consent consent, long seed)
      throws IOException, InterruptedException {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> labels = List.copyOf(w.keySet());
    List<LabelRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String y = labels.get(i % labels.size());
      String id = "live-" + ids.incrementAndGet();
      int status = post(client, id, World.point(w.get(y), r), consent);
      if (status != 200) {
        throw new AssertionError("request " + id + " got " + status);
      }
      out.add(new LabelRecord(id, y, world.clock.instant()));
      world.clock.advance(Duration.ofSeconds(1));
    }
    return out;
  }
}
