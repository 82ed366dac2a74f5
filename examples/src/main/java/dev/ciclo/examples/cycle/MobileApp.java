package dev.ciclo.examples.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.log.Consent;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.examples.monitor.SpeechTraffic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated mobile app: it records a digit, posts the WAV file to the server's
 * {@code /models/digits/predict} with its request id, the user's consent and the user's account
 * as subject, and shows the digit it gets back. Every request moves the simulated clock on by
 * two seconds. Thread-safe; counts answers and failures (any non-200 or I/O error).
 */
final class MobileApp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer the app got. */
  record Answer(String requestId, String digit, String version, Consent consent) {}

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI predict;
  private final SimClock clock;
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  MobileApp(URI server, SimClock clock) {
    this.predict = server.resolve("/models/" + ServedDigits.MODEL + "/predict");
    this.clock = clock;
  }

  /**
   * The user's consent, fixed per request id: 70% allow training, 20% monitoring only, 10% say
   * no (those are answered but never logged).
   */
  static Consent consentOf(int i) {
    int k = Math.floorMod(i * 7 + 3, 10);
    return k < 7 ? Consent.TRAINING : k < 9 ? Consent.MONITORING : Consent.NONE;
  }

  Answer send(SpeechTraffic.Request q, Consent consent) {
    clock.advance(Duration.ofSeconds(2));
    byte[] wav = Wav.encode(q.clip(), SampleFormat.PCM_16);
    HttpRequest r = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "audio/wav")
        .header("X-Request-Id", q.id())
        .header("Ciclo-Consent", consent.name().toLowerCase(Locale.ROOT))
        .header("Ciclo-Subject", "user-" + q.speaker())
        .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
    try {
      HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString(
          StandardCharsets.UTF_8));
      JsonNode body = a.statusCode() == 200 ? JSON.readTree(a.body()) : null;
      if (body == null || !body.path("prediction").isTextual()
          || !body.path("model_version").isTextual()) {
        failed.incrementAndGet();
        return null;
      }
      answered.incrementAndGet();
      return new Answer(q.id(), body.get("prediction").asText(), body.get("model_version").asText(),
          consent);
    } catch (IOException e) { // JsonProcessingException included: not JSON is a failure
      failed.incrementAndGet();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.incrementAndGet();
      return null;
    }
  }
}
