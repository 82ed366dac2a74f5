package dev.ciclo.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes every request, checks token and size, and turns client mistakes into 4xx JSON. */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final String JSON = "application/json";

  private final Map<String, ModelSlot<?>> slots;
  private final long maxBytes;
  private final byte[] expectedAuth;
  private final ServerMetrics metrics;
  private final Recorder recorder;
  private final Shadows shadows;
  private final Clock clock;
  private final String idPrefix;
  private final AtomicLong ids = new AtomicLong();
  volatile boolean ready;

  Router(
      Map<String, ModelSlot<?>> slots,
      long maxBytes,
      String token,
      ServerMetrics metrics,
      Recorder recorder,
      Executor shadowExecutor,
      Clock clock,
      String idPrefix) {
    this.slots = slots;
    this.maxBytes = maxBytes;
    this.expectedAuth = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
    this.recorder = recorder;
    this.shadows = new Shadows(shadowExecutor, metrics, recorder);
    this.clock = clock;
    this.idPrefix = idPrefix;
  }

  /** What one request is about, for metrics. */
  private static final class Ctx {
    String model = "-";
    String endpoint = "other";
    String contentType = JSON;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    Ctx ctx = new Ctx();
    int status;
    byte[] body;
    try {
      body = route(ex, ctx, t0);
      status = 200;
    } catch (ClientError e) {
      status = e.status;
      body = V2Json.error(e.getMessage());
      ctx.contentType = JSON;
      if (status == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
      status = 500;
      body = V2Json.error("internal error: " + e.getClass().getSimpleName());
      ctx.contentType = JSON;
    }
    // Counted before the reply goes out: a client that reads /metrics right after its answer
    // must see its own request (counting after the write raced with the next request).
    metrics.request(ctx.model, ctx.endpoint, status, System.nanoTime() - t0);
    try {
      ex.getResponseHeaders().set("Content-Type", ctx.contentType);
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } finally {
      ex.close();
    }
  }

  private byte[] route(HttpExchange ex, Ctx ctx, long t0) throws IOException {
    String method = ex.getRequestMethod();
    String[] seg = segments(ex.getRequestURI().getRawPath());
    boolean health = seg.length == 3 && seg[0].equals("v2") && seg[1].equals("health");
    if (!health) {
      checkToken(ex);
    }
    byte[] body = readBody(ex);
    if (health) {
      ctx.endpoint = "health";
      requireMethod(method, "GET");
      if (seg[2].equals("live")) {
        return V2Json.object(Map.of("live", true));
      }
      if (seg[2].equals("ready")) {
        return V2Json.object(Map.of("ready", ready));
      }
      throw ClientError.notFound("no endpoint " + ex.getRequestURI().getPath());
    }
    if (seg.length == 1 && seg[0].equals("metrics")) {
      ctx.endpoint = "metrics";
      requireMethod(method, "GET");
      ctx.contentType = "text/plain; version=0.0.4; charset=utf-8";
      return metrics.render(this::versions).getBytes(StandardCharsets.UTF_8);
    }
    if (seg.length == 1 && seg[0].equals("v2")) {
      ctx.endpoint = "server";
      requireMethod(method, "GET");
      return V2Json.object(Map.of("name", "ciclo", "version", "0.1", "extensions", List.of()));
    }
    if (seg.length == 3 && seg[0].equals("models") && seg[2].equals("predict")) {
      ctx.endpoint = "predict";
      ModelSlot<?> slot = slot(seg[1], ctx);
      requireMethod(method, "POST");
      return plain(slot, ex, body, t0);
    }
    if (seg.length >= 3 && seg[0].equals("v2") && seg[1].equals("models")) {
      ModelSlot<?> slot = slot(seg[2], ctx);
      String version = null;
      int rest = 3;
      if (seg.length >= 5 && seg[3].equals("versions")) {
        version = seg[4];
        rest = 5;
      }
      if (seg.length == rest) {
        ctx.endpoint = "metadata";
        requireMethod(method, "GET");
        return metadata(slot, version);
      }
      if (seg.length == rest + 1 && seg[rest].equals("ready")) {
        ctx.endpoint = "metadata";
        requireMethod(method, "GET");
        checkVersion(slot, slot.live(), version);
        return V2Json.object(Map.of("name", slot.model.name(), "ready", ready));
      }
      if (seg.length == rest + 1 && seg[rest].equals("infer")) {
        ctx.endpoint = "infer";
        requireMethod(method, "POST");
        return infer(slot, ex, body, version, t0);
      }
    }
    throw ClientError.notFound(
        "no endpoint " + method + " " + ex.getRequestURI().getPath()
            + "; see GET /v2/models/{name}, POST /v2/models/{name}/infer,"
            + " POST /models/{name}/predict, GET /metrics");
  }

  private <X> byte[] infer(
      ModelSlot<X> slot, HttpExchange ex, byte[] body, String version, long t0) {
    Instant arrival = clock.instant();
    Predictor<X, ?> p = slot.live();
    String served = checkVersion(slot, p, version);
    String name = slot.model.name();
    if (slot.model.tensorWidth() == 0) {
      throw ClientError.badRequest(
          "model '" + name + "' takes no tensors; send the raw body to POST /models/" + name
              + "/predict");
    }
    V2Json.InferRequest req = V2Json.parseInfer(body, name, slot.model.tensorWidth());
    String id = requestId(req.id, ex);
    Consent consent = consent(req.consent != null ? req.consent : header(ex, "Ciclo-Consent"));
    String subject = req.subjectId != null ? req.subjectId : header(ex, "Ciclo-Subject");
    List<X> inputs = new ArrayList<>(req.rows.length);
    for (int r = 0; r < req.rows.length; r++) {
      try {
        inputs.add(slot.model.fromTensorRow(req.rows[r]));
      } catch (IllegalArgumentException e) {
        throw ClientError.badRequest("row " + r + " is not an input of model '" + name + "': "
            + e.getMessage());
      }
    }
    List<? extends Prediction<?>> predictions = predict(p, inputs, name);
    byte[] answer = V2Json.inferResponse(name, served, id, predictions, slot.scoreLabels);
    double[][] rows = req.rows;
    int width = slot.model.tensorWidth();
    after(slot, p, id, arrival, served, inputs, predictions, t0, consent, subject,
        i -> TensorPayload.ofDoubles(TensorPayload.ElementType.FP64, new long[] {1, width},
            rows[i]));
    return answer;
  }

  private <X> byte[] plain(ModelSlot<X> slot, HttpExchange ex, byte[] body, long t0) {
    Instant arrival = clock.instant();
    Predictor<X, ?> p = slot.live();
    String served = p.metadata().version();
    String name = slot.model.name();
    if (!slot.model.acceptsBytes()) {
      throw ClientError.badRequest(
          "model '" + name + "' takes no raw bodies; send tensors to POST /v2/models/" + name
              + "/infer");
    }
    if (body.length == 0) {
      throw ClientError.badRequest("request body is empty; expected the raw input (a WAV file)");
    }
    String id = requestId(null, ex);
    Consent consent = consent(header(ex, "Ciclo-Consent"));
    String subject = header(ex, "Ciclo-Subject");
    X input;
    try {
      input = slot.model.fromBytes(body);
    } catch (RuntimeException e) {
      throw ClientError.badRequest(
          "body of " + body.length + " bytes cannot be decoded for model '" + name + "': "
              + e.getMessage());
    }
    List<X> inputs = List.of(input);
    List<? extends Prediction<?>> predictions = predict(p, inputs, name);
    byte[] answer = V2Json.plainResponse(name, served, id, predictions.get(0));
    String type = header(ex, "Content-Type");
    after(slot, p, id, arrival, served, inputs, predictions, t0, consent, subject,
        i -> RawPayload.of(type.isEmpty() ? "application/octet-stream" : type, body));
    return answer;
  }

  private static <X> List<? extends Prediction<?>> predict(
      Predictor<X, ?> p, List<X> inputs, String name) {
    try {
      return inputs.size() == 1 ? List.of(p.predict(inputs.get(0))) : p.predictBatch(inputs);
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("model '" + name + "' cannot take this input: "
          + e.getMessage());
    }
  }

  private <X> void after(
      ModelSlot<X> slot,
      Predictor<X, ?> live,
      String id,
      Instant arrival,
      String version,
      List<X> inputs,
      List<? extends Prediction<?>> predictions,
      long t0,
      Consent consent,
      String subject,
      IntFunction<Payload> raw) {
    Duration latency = Duration.ofNanos(System.nanoTime() - t0);
    metrics.count("ciclo_predictions_total", slot.versionLabel(version), predictions.size());
    recorder.record(slot, id, arrival, version, inputs, raw, predictions, latency, consent,
        subject);
    Predictor<X, ?> shadow = slot.shadow();
    if (shadow == null || shadow == live) {
      return;
    }
    shadows.submit(slot, shadow, id, arrival, inputs, raw, predictions, consent, subject);
  }

  private byte[] metadata(ModelSlot<?> slot, String version) {
    Predictor<?, ?> p = slot.live();
    String served = checkVersion(slot, p, version);
    ModelMetadata md = p.metadata();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", slot.model.name());
    m.put("versions", List.of(served));
    m.put("platform", md.framework());
    List<Object> inputs = new ArrayList<>();
    if (slot.model.tensorWidth() > 0) {
      inputs.add(Map.of("name", "input", "datatype", "FP64",
          "shape", List.of(-1, slot.model.tensorWidth())));
    }
    m.put("inputs", inputs);
    m.put("outputs", List.of(
        Map.of("name", "label", "datatype", "BYTES", "shape", List.of(-1)),
        Map.of("name", "scores", "datatype", "FP64", "shape", List.of(-1, -1)),
        Map.of("name", "score_labels", "datatype", "BYTES", "shape", List.of(-1))));
    m.put("parameters", md.properties());
    m.put("accepts_raw_body", slot.model.acceptsBytes());
    return V2Json.object(m);
  }

  private static String checkVersion(ModelSlot<?> slot, Predictor<?, ?> live, String asked) {
    String served = live.metadata().version();
    if (asked != null && !asked.equals(served)) {
      throw ClientError.notFound(
          "model '" + slot.model.name() + "' has no version '" + asked + "' in service; it"
              + " serves version '" + served + "'");
    }
    return served;
  }

  private ModelSlot<?> slot(String name, Ctx ctx) {
    ModelSlot<?> slot = slots.get(name);
    if (slot == null) {
      ctx.model = "unknown";
      throw ClientError.notFound(
          "no model named '" + name + "'; this server serves " + slots.keySet());
    }
    ctx.model = name;
    return slot;
  }

  private void checkToken(HttpExchange ex) {
    if (expectedAuth == null) {
      return;
    }
    String got = ex.getRequestHeaders().getFirst("Authorization");
    if (got == null) {
      throw new ClientError(401, "missing bearer token: send 'Authorization: Bearer <token>'");
    }
    if (!MessageDigest.isEqual(expectedAuth, got.getBytes(StandardCharsets.UTF_8))) {
      throw new ClientError(401, "wrong bearer token");
    }
  }

  private byte[] readBody(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw ClientError.badRequest("Content-Length must be a number but was '" + length + "'");
      }
      if (n > maxBytes) {
        throw tooLarge(n + " bytes");
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes");
      }
      return body;
    }
  }

  private ClientError tooLarge(String size) {
    return new ClientError(413, "request body is " + size + " but the limit is " + maxBytes
        + " bytes");
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new ClientError(405, "method " + method + " is not allowed here; use " + allowed);
    }
  }

  private String requestId(String fromBody, HttpExchange ex) {
    if (fromBody != null && !fromBody.isBlank()) {
      return fromBody;
    }
    String h = header(ex, "X-Request-Id");
    return h.isBlank() ? idPrefix + ids.incrementAndGet() : h;
  }

  private static Consent consent(String text) {
    if (text.isEmpty()) {
      return Consent.NONE;
    }
    try {
      return Consent.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest(
          "consent must be one of none, monitoring, training but was '" + text + "'");
    }
  }

  private static String header(HttpExchange ex, String name) {
    String v = ex.getRequestHeaders().getFirst(name);
    return v == null ? "" : v;
  }

  private Map<String, String> versions() {
    Map<String, String> m = new LinkedHashMap<>();
    slots.forEach((n, s) -> m.put(n, s.liveVersion()));
    return m;
  }

  private static String[] segments(String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return new String[0];
    }
    String[] s = p.split("/", -1);
    for (int i = 0; i < s.length; i++) {
      try {
        s[i] = URLDecoder.decode(s[i], StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ClientError.badRequest("path segment '" + s[i] + "' is not valid URL encoding");
      }
    }
    return s;
  }
}
