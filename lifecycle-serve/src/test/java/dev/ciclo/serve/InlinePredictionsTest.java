package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.testing.MemoryLog;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Where predictions run by default: a small request to a model that has proven fast is predicted
 * on the I/O thread that read it; a slow model, logging under consent and a model that turns
 * slow never hold that thread (beyond the one answer that showed it slow). A held I/O thread is
 * seen from outside: requests on the connections it serves wait for it, so health checks on
 * fresh connections (spread over the selectors) must answer while the slow work runs.
 */
class InlinePredictionsTest {
  private static final List<FeatureVector> WARM = ServeFixtures.inputs(3, 5);
  /** Longer than any stall a busy machine puts on a health check, and far below the sleeps. */
  private static final long HEALTH_MILLIS = 250;
  private static final long SLEEP_MILLIS = 1_500;
  /** The inline bound of {@link #littleOverStaysInline}: far above a fast answer on a busy CI. */
  private static final Duration BOUND = Duration.ofMillis(1);
  private static final long SPIN_MICROS = 1_300;

  /** A predictor that can be made to sleep, and notes the threads it ran on. */
  private static final class Switchable implements Predictor<FeatureVector, String> {
    private final TribuoClassifierModel<FeatureVector> model = ServeFixtures.model("1", 3);
    final AtomicBoolean slow = new AtomicBoolean();
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Prediction<String> predict(FeatureVector x) {
      threads.add(Thread.currentThread().getName());
      if (slow.get()) {
        sleep(SLEEP_MILLIS);
      }
      return model.predict(x);
    }

    @Override
    public ModelMetadata metadata() {
      return model.metadata();
    }
  }

  /**
   * A fast predictor whose every 50th answer works {@link #SPIN_MICROS} on the processor: a
   * little over {@link #BOUND}, as the odd answer of a fast model is on a busy machine.
   */
  private static final class Jittery implements Predictor<FeatureVector, String> {
    private final TribuoClassifierModel<FeatureVector> model = ServeFixtures.model("1", 3);
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public Prediction<String> predict(FeatureVector x) {
      if (calls.incrementAndGet() % 50 == 0) {
        long t = System.nanoTime();
        while (System.nanoTime() - t < TimeUnit.MICROSECONDS.toNanos(SPIN_MICROS)) {
          Thread.onSpinWait();
        }
      }
      return model.predict(x);
    }

    @Override
    public ModelMetadata metadata() {
      return model.metadata();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static InferenceServer.Builder server(Predictor<FeatureVector, String> p) {
    return InferenceServer.builder().port(0).threads(2).stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", p, ServeFixtures.NAMES, WARM));
  }

  private static double inline(InferenceServer s) {
    double v = ServeFixtures.metric(s.metricsText(), "ciclo_inline_predictions_total",
        "model", "blobs");
    return Double.isNaN(v) ? 0 : v;
  }

  /** POSTs {@code body} on another thread. */
  private static CompletableFuture<ServeFixtures.Answer> postAsync(HttpClient client, URI uri,
      String body) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return ServeFixtures.send(client, "POST", uri, body);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Sends fast requests until the model predicts inline; fails if it never does. */
  private static void prove(InferenceServer s, HttpClient client, URI infer) throws Exception {
    String body = ServeFixtures.inferBody(WARM.get(0));
    for (int i = 0; i < 5_000 && inline(s) == 0; i++) {
      assertEquals(200, ServeFixtures.send(client, "POST", infer, body).status());
    }
    assertTrue(inline(s) > 0, "a fast model never predicted inline in 5,000 requests");
  }

  /**
   * Sends fast requests until three in a row were inline: the model is proven now, not about to
   * be (a pause of the JVM, such as a collection or a compilation, may have made one answer
   * slow and sent it back to the workers for a while).
   */
  private static void provenNow(InferenceServer s, HttpClient client, URI infer)
      throws Exception {
    prove(s, client, infer);
    String body = ServeFixtures.inferBody(WARM.get(0));
    int inARow = 0;
    for (int i = 0; i < 5_000 && inARow < 3; i++) {
      double was = inline(s);
      assertEquals(200, ServeFixtures.send(client, "POST", infer, body).status());
      inARow = inline(s) > was ? inARow + 1 : 0;
    }
    assertEquals(3, inARow, "three inline answers in a row");
  }

  /**
   * Health checks on fresh connections while {@code slowWork} runs: each must answer within
   * {@link #HEALTH_MILLIS}. Fresh connections go to the selectors in turn, so some share the
   * selector of the slow request.
   */
  private static void healthAnswersDuring(InferenceServer s, CompletableFuture<?> slowWork)
      throws Exception {
    URI health = URI.create(s.uri() + "/v2/health/ready");
    sleep(200); // the slow request reaches the model
    int checked = 0;
    while (!slowWork.isDone() && checked < 8) {
      HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long t = System.nanoTime();
      assertEquals(200, ServeFixtures.send(fresh, "GET", health, null).status());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
      assertTrue(ms < HEALTH_MILLIS, "health took " + ms + " ms while a slow request ran");
      checked++;
    }
    assertTrue(checked >= 4, "the slow work ended before the health checks (" + checked + ")");
    slowWork.get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a fast model proves itself on the prediction threads, then its small requests"
      + " are predicted on the I/O thread, and answered as before")
  void fastModelGoesInline() throws Exception {
    Switchable model = new Switchable();
    try (InferenceServer s = server(model).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      model.threads.clear(); // the warm-up's
      assertEquals(0, ServeFixtures.metric(s.metricsText(), "ciclo_inline_predictions_total",
          "model", "blobs"), "shown as 0 before any inline prediction");
      prove(s, client, infer);
      List<String> first = model.threads.subList(0, ModelSlot.PROVEN);
      assertTrue(first.stream().allMatch(t -> t.startsWith("ciclo-serve-worker")),
          "the first " + ModelSlot.PROVEN + " predictions run on the workers: " + first);
      double before = inline(s);
      String body = ServeFixtures.inferBody(WARM.get(2));
      String expected = "\"" + model.model.predict(WARM.get(2)).value() + "\"";
      // 50 inline answers, each as the model gives it (a pause of the JVM may send a few
      // requests back to the workers meanwhile, so count rather than expect every one)
      for (int i = 0; i < 5_000 && inline(s) - before < 50; i++) {
        ServeFixtures.Answer a = ServeFixtures.send(client, "POST", infer, body);
        assertEquals(200, a.status());
        assertTrue(a.body().contains(expected), a.body());
      }
      assertEquals(50, inline(s) - before, "inline answers of a proven model in 5,000 requests");
    }
  }

  @Test
  @DisplayName("raw bodies (POST /models/NAME/predict: audio, whose cost depends on the clip) are"
      + " never predicted on the I/O thread, however fast the model")
  void rawBodiesNever() throws Exception {
    Switchable model = new Switchable();
    try (InferenceServer s = InferenceServer.builder().port(0).threads(2)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.builder("blobs", model)
            .bytesInput(b -> FeatureVector.of(ServeFixtures.NAMES, Arrays.stream(
                new String(b, StandardCharsets.UTF_8).trim().split(","))
                .mapToDouble(Double::parseDouble).toArray()))
            .warmUp(WARM).build())
        .build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI predict = URI.create(s.uri() + "/models/blobs/predict");
      for (int i = 0; i < 500; i++) {
        assertEquals(200, ServeFixtures.send(client, "POST", predict, "1,2,3,4").status());
      }
      assertEquals(0, inline(s));
      assertTrue(model.threads.stream().skip(WARM.size())
          .allMatch(t -> t.startsWith("ciclo-serve-worker")), "on the workers: " + model.threads);
    }
  }

  @Test
  @DisplayName("with inline predictions off, no request is predicted on the I/O thread")
  void offMeansNever() throws Exception {
    Switchable model = new Switchable();
    try (InferenceServer s = server(model).inlinePredictions(Duration.ZERO).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      String body = ServeFixtures.inferBody(WARM.get(0));
      for (int i = 0; i < 500; i++) {
        assertEquals(200, ServeFixtures.send(client, "POST", infer, body).status());
      }
      assertEquals(0, inline(s));
    }
  }

  @Test
  @DisplayName("a model that sleeps never holds the I/O thread: health on every selector answers"
      + " while it predicts")
  void slowModelNeverInline() throws Exception {
    Switchable model = new Switchable();
    try (InferenceServer s = server(model).build().start()) {
      model.slow.set(true); // after the warm-up
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      String body = ServeFixtures.inferBody(WARM.get(0));
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int round = 0; round < 2; round++) {
        CompletableFuture<ServeFixtures.Answer> slow = postAsync(client, infer, body);
        healthAnswersDuring(s, slow);
        assertEquals(200, slow.get().status());
      }
      assertEquals(0, inline(s));
    }
  }

  @Test
  @DisplayName("a proven model that turns slow holds the I/O thread for that one answer, then"
      + " goes back to the prediction threads")
  void turnsSlow() throws Exception {
    Switchable model = new Switchable();
    try (InferenceServer s = server(model).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      String body = ServeFixtures.inferBody(WARM.get(0));
      double before = 0;
      boolean wasInline = false;
      // a pause of the JVM just before may have sent the model back to the workers: try again
      for (int attempt = 0; attempt < 10 && !wasInline; attempt++) {
        model.slow.set(false);
        provenNow(s, client, infer);
        before = inline(s);
        model.slow.set(true);
        assertEquals(200, ServeFixtures.send(client, "POST", infer, body).status());
        wasInline = inline(s) == before + 1;
      }
      assertTrue(wasInline, "the first slow answer of a proven model was inline (10 tries)");
      CompletableFuture<ServeFixtures.Answer> next = postAsync(client, infer, body);
      healthAnswersDuring(s, next);
      assertEquals(200, next.get().status());
      assertEquals(before + 1, inline(s), "the next slow answer was not inline");
    }
  }

  @Test
  @DisplayName("a fast model whose every 50th answer takes a little over the bound (1.3 ms of"
      + " work, 1 ms allowed) keeps answering inline: such answers are late, not slow")
  void littleOverStaysInline() throws Exception {
    try (InferenceServer s = server(new Jittery()).inlinePredictions(BOUND).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      String body = ServeFixtures.inferBody(WARM.get(0));
      prove(s, client, infer);
      double before = inline(s);
      int n = 2_000;
      for (int i = 0; i < n; i++) {
        assertEquals(200, ServeFixtures.send(client, "POST", infer, body).status());
      }
      // struck for each of them (as when every answer over the bound was slow), the model
      // needed ever more fast answers in a row, which the next such answer broke: 0-9 %
      double share = (inline(s) - before) / n;
      assertTrue(share > 0.8, "inline share " + share + " of " + n + " answers");
    }
  }

  /** A log whose appends take {@link #SLEEP_MILLIS}, as a disk or a broker may. */
  private static final class SlowLog implements PredictionLog {
    final MemoryLog records = new MemoryLog();

    @Override
    public boolean append(PredictionRecord record) {
      sleep(SLEEP_MILLIS);
      return records.append(record);
    }

    @Override
    public AppendOutcome append(PredictionRecord record, Payload input) {
      sleep(SLEEP_MILLIS);
      return records.append(record, input);
    }

    @Override
    public Optional<Payload> payload(PredictionRecord record) {
      return records.payload(record);
    }

    @Override
    public Stream<PredictionRecord> read(Instant from, Instant to) {
      return records.read(from, to);
    }

    @Override
    public long erase(String subjectId) {
      return records.erase(subjectId);
    }

    @Override
    public void close() {}
  }

  @Test
  @DisplayName("logging a consenting request never runs on the I/O thread, and its record is in"
      + " the log when its answer arrives; requests without consent stay inline")
  void loggingOffTheIoThread() throws Exception {
    Switchable model = new Switchable();
    SlowLog log = new SlowLog();
    try (InferenceServer s = server(model).predictionLog(log).build().start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI infer = URI.create(s.uri() + "/v2/models/blobs/infer");
      String body = ServeFixtures.inferBody(WARM.get(1));
      boolean wasInline = false;
      // a pause of the JVM just before may have sent the model back to the workers: try again
      for (int attempt = 0; attempt < 10 && !wasInline; attempt++) {
        provenNow(s, client, infer);
        assertEquals(attempt, log.records.records().size(), "no consent, no record");
        double before = inline(s);
        String id = "logged-" + attempt;
        CompletableFuture<ServeFixtures.Answer> consenting = CompletableFuture.supplyAsync(() -> {
          try {
            ServeFixtures.Answer a = ServeFixtures.send(client, "POST", infer, body,
                "Ciclo-Consent", "monitoring", "X-Request-Id", id);
            // read as the answer arrives: the record must be there already
            assertTrue(log.records.records().stream().anyMatch(r -> r.requestId().equals(id)),
                "record missing when the answer came");
            return a;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        healthAnswersDuring(s, consenting);
        assertEquals(200, consenting.get().status());
        // the answer was computed inline; only its logging went to a worker
        wasInline = inline(s) == before + 1;
      }
      assertTrue(wasInline, "a consenting request to a proven model was inline (10 tries)");
    }
  }

  @Test
  @DisplayName("the inline bound must be between zero and 1 s")
  void boundChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InferenceServer.builder().inlinePredictions(Duration.ofNanos(-1)));
    assertTrue(e.getMessage().contains("-0.000000001S"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> InferenceServer.builder().inlinePredictions(Duration.ofMillis(1_001)));
    assertTrue(e.getMessage().contains("PT1.001S"), e.getMessage());
    assertThrows(NullPointerException.class, () -> InferenceServer.builder()
        .inlinePredictions(null));
  }
}
