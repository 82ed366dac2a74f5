package dev.ciclo.serve;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request, checks token, size and row count, and turns client mistakes into 4xx
 * JSON. It knows no HTTP engine: {@link JettyFront} hands it a {@link Call} and the body.
 */
final class Router {
  /** The longest request id a client may give: 256 characters (a UUID has 36). */
  static final int MAX_ID_CHARS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  /** The JSON content type; {@link JettyFront} knows this instance and sends it pre-encoded. */
  static final String JSON = "application/json";

  private final Map<String, ModelSlot<?>> slots;
  private final long maxBytes;
  private final int maxRows;
  private final int maxHeaderCount;
  private final byte[] expectedAuth;
  private final ServerMetrics metrics;
  private final Recorder recorder;
  private final Shadows shadows;
  private final Clock clock;
  private final String idPrefix;
  private final AtomicLong ids = new AtomicLong();
  /**
   * The segments of the paths every client asks for (health, metrics, each model's infer,
   * metadata, ready and predict), split once: splitting them per request was a twentieth of
   * what the server allocated per request. Shared arrays that no caller changes.
   */
  private final Map<String, String[]> knownPaths;
  volatile boolean ready;

  Router(
      Map<String, ModelSlot<?>> slots,
      long maxBytes,
      int maxRows,
      int maxHeaderCount,
      String token,
      ServerMetrics metrics,
      Recorder recorder,
      Executor shadowExecutor,
      Clock clock,
      String idPrefix) {
    this.slots = slots;
    this.maxBytes = maxBytes;
    this.maxRows = maxRows;
    this.maxHeaderCount = maxHeaderCount;
    this.expectedAuth = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
    this.recorder = recorder;
    this.shadows = new Shadows(shadowExecutor, metrics, recorder);
    this.clock = clock;
    this.idPrefix = idPrefix;
    Map<String, String[]> known = new HashMap<>();
    for (String path : List.of("/v2/health/live", "/v2/health/ready", "/metrics", "/v2")) {
      known.put(path, parseSegments(path));
    }
    for (String name : slots.keySet()) {
      // a name that URL encoding leaves as it is (others are split per request)
      if (!name.isEmpty() && name.chars().noneMatch(c -> c == '/' || c == '%' || c == '+')) {
        for (String path : List.of("/v2/models/" + name + "/infer", "/v2/models/" + name,
            "/v2/models/" + name + "/ready", "/models/" + name + "/predict")) {
          known.put(path, parseSegments(path));
        }
      }
    }
    this.knownPaths = Map.copyOf(known);
  }

  /** What one request is about, for metrics. */
  private static final class Ctx {
    String model = "-";
    String version = "-";
    String endpoint = "other";
    String contentType = JSON;
    /**
     * What is left to do once the answer is computed and before it is sent: logging and the
     * shadow's copy, which may write to a disk or a broker (see {@link Reply#after}).
     */
    Runnable after;
  }

  /** What the engine needs to know of a request. */
  interface Call {
    String method();

    /** The raw (still URL-encoded) path. */
    String rawPath();

    /**
     * A header's value, or {@code null}; a header sent on several lines is their values joined
     * with {@code ", "} (RFC 9110 5.3).
     */
    String header(String name);

    /**
     * The path's URL-decoded segments, {@link Router#segments(String)} of {@link #rawPath()}
     * (an engine may keep them: both checks read them). Callers must not change the array.
     */
    String[] segments();
  }

  /**
   * An answer: status, content type, body and extra headers, and what must run before it is
   * sent ({@code after}, or null): the request's logging and shadow copy, which may block on a
   * disk or a broker, so that an engine that computed the answer on its I/O thread can run them
   * elsewhere. An engine must run {@code after} before it sends the answer, so that a client
   * that has its answer finds its record in the log.
   */
  record Reply(int status, String contentType, ByteBuffer body, Map<String, String> headers,
      Runnable after) {
    Reply(int status, String contentType, ByteBuffer body, Map<String, String> headers) {
      this(status, contentType, body, headers, null);
    }

    /** This answer with {@code work} to run before it is sent. */
    Reply after(Runnable work) {
      return work == null ? this : new Reply(status, contentType, body, headers, work);
    }
  }

  /**
   * The served model a request's path names ({@code /v2/models/NAME/...},
   * {@code /models/NAME/...}), or null if it names none that is served.
   */
  ModelSlot<?> slotOf(Call call) {
    String named = modelNamed(call.segments());
    return named == null ? null : slots.get(named);
  }

  /**
   * Whether the request posts a raw body to {@code /models/NAME/predict} (a WAV clip), whose
   * cost depends on what it holds: a clip without speech is answered at once, one with speech
   * is recognised for milliseconds.
   */
  static boolean postsRawBody(Call call) {
    String[] seg = call.segments();
    return seg.length == 3 && seg[0].equals("models") && seg[2].equals("predict");
  }

  /** Whether the request asks for {@code /metrics}, whose text may take milliseconds. */
  static boolean asksMetrics(Call call) {
    String[] seg = call.segments();
    return seg.length == 1 && seg[0].equals("metrics");
  }

  /**
   * Checks what can be checked before the body is read: token, header count, declared length
   * and a browser's origin. Returns the error answer (counted), or {@code null} to go on.
   */
  Reply precheck(Call call, int headerCount, long contentLength, long t0) {
    Ctx ctx = new Ctx();
    try {
      if (headerCount > maxHeaderCount) {
        throw new ClientError(431, "request has " + headerCount + " headers but the limit is "
            + maxHeaderCount);
      }
      String[] seg = call.segments();
      boolean health = seg.length == 3 && seg[0].equals("v2") && seg[1].equals("health");
      if (!health) {
        checkToken(call);
      }
      if (contentLength > maxBytes) {
        throw tooLarge(contentLength + " bytes");
      }
      if (contentLength != 0) {
        // a body for a model not served: 404 before the body is read (and, for a client that
        // sent Expect: 100-continue, before it is invited)
        String named = modelNamed(seg);
        if (named != null) {
          slot(named, ctx);
        }
      }
      String origin = call.header("Origin");
      if (origin != null && !"GET".equals(call.method()) && !"HEAD".equals(call.method())) {
        // The server answers no CORS preflight, so a page can reach it only with what browsers
        // send without one: a POST of text/plain, a form or no type, which this server would
        // read as JSON or WAV. Refused, such a page cannot feed predictions, or records that
        // claim training consent, to a server it does not own (one on the user's loopback).
        throw new ClientError(403, "requests from web pages are refused (Origin: "
            + origin + "): this server answers no CORS preflight; call it from a"
            + " server or an app, which send no Origin header");
      }
      String transfer = call.header("Transfer-Encoding");
      if (transfer != null && !transfer.trim().equalsIgnoreCase("chunked")) {
        // Jetty takes "gzip, chunked" as chunked and hands over the gzip bytes
        throw new ClientError(415, "Transfer-Encoding '" + transfer + "' is not supported; send"
            + " the body uncompressed, with Content-Length or chunked");
      }
      String encoding = call.header("Content-Encoding");
      if (encoding != null && !encoding.isBlank()
          && !encoding.trim().equalsIgnoreCase("identity")) {
        // never inflated: a small compressed body could be a bomb past the size limit
        throw new ClientError(415, "Content-Encoding '" + encoding + "' is not supported; send"
            + " the body uncompressed");
      }
      return null;
    } catch (ClientError e) {
      return fail(labelled(ctx, call), e, t0);
    }
  }

  /**
   * The answer to a request whose body could not be read (or that Jetty refused), counted like
   * any other, under the model and endpoint its path names ({@code call} null: none).
   */
  Reply failed(Call call, int status, String message, long t0) {
    return fail(call == null ? new Ctx() : labelled(new Ctx(), call), status, message, t0);
  }

  /**
   * Adds the metrics' labels a request's path gives before it is routed, for a refusal: the
   * endpoint of a prediction path, and its model if served and none is set yet (an unknown name
   * is not a label: any client could make up names).
   */
  private Ctx labelled(Ctx ctx, Call call) {
    String[] seg = call.segments();
    if (seg.length == 3 && seg[0].equals("models") && seg[2].equals("predict")) {
      ctx.endpoint = "predict";
    } else if (seg.length >= 4 && seg[0].equals("v2") && seg[1].equals("models")
        && seg[seg.length - 1].equals("infer")) {
      ctx.endpoint = "infer";
    }
    String named = modelNamed(seg);
    if (ctx.model.equals("-") && named != null && slots.containsKey(named)) {
      ctx.model = named;
    }
    return ctx;
  }

  /** The model a path names ({@code /v2/models/NAME/...}, {@code /models/NAME/...}), or null. */
  private static String modelNamed(String[] seg) {
    return seg.length >= 3 && seg[0].equals("v2") && seg[1].equals("models") ? seg[2]
        : seg.length == 3 && seg[0].equals("models") ? seg[1] : null;
  }

  /** Answers one request; never throws (a failure of the model or server is a 500). */
  Reply answer(Call call, byte[] body, long t0) {
    Ctx ctx = new Ctx();
    try {
      ByteBuffer out = route(call, body, ctx, t0);
      metrics.request(ctx.model, ctx.version, ctx.endpoint, 200, System.nanoTime() - t0);
      return new Reply(200, ctx.contentType, out, Map.of(), ctx.after);
    } catch (ClientError e) {
      // predictions made before the mistake was found are still logged
      return fail(ctx, e, t0).after(ctx.after);
    } catch (Throwable e) { // NOPMD: an Error from a model must not kill the request thread
      LOG.error("request {} {} failed", call.method(), call.rawPath(), e);
      // Counted before the reply goes out: a client that reads /metrics right after its
      // answer must see its own request.
      metrics.request(ctx.model, ctx.version, ctx.endpoint, 500, System.nanoTime() - t0);
      return new Reply(500, JSON,
          ByteBuffer.wrap(V2Json.error("internal error: " + e.getClass().getSimpleName())),
          Map.of(), ctx.after);
    }
  }

  private Reply fail(Ctx ctx, ClientError e, long t0) {
    if (e.allow != null) {
      metrics.request(ctx.model, ctx.version, ctx.endpoint, e.status, System.nanoTime() - t0);
      return new Reply(e.status, JSON, ByteBuffer.wrap(V2Json.error(e.getMessage())),
          Map.of("Allow", e.allow));
    }
    return fail(ctx, e.status, e.getMessage(), t0);
  }

  private Reply fail(Ctx ctx, int status, String message, long t0) {
    metrics.request(ctx.model, ctx.version, ctx.endpoint, status, System.nanoTime() - t0);
    Map<String, String> headers = status == 401 ? Map.of("WWW-Authenticate", "Bearer")
        : status == 503 ? Map.of("Retry-After", "1") : Map.of();
    return new Reply(status, JSON, ByteBuffer.wrap(V2Json.error(message)), headers);
  }

  private ByteBuffer route(Call ex, byte[] body, Ctx ctx, long t0) {
    String method = ex.method();
    String[] seg = ex.segments();
    boolean health = seg.length == 3 && seg[0].equals("v2") && seg[1].equals("health");
    if (health) {
      ctx.endpoint = "health";
      requireMethod(method, "GET");
      if (seg[2].equals("live")) {
        return ByteBuffer.wrap(V2Json.object(Map.of("live", true)));
      }
      if (seg[2].equals("ready")) {
        return ByteBuffer.wrap(V2Json.object(Map.of("ready", ready)));
      }
      throw ClientError.notFound("no endpoint " + ex.rawPath());
    }
    if (seg.length == 1 && seg[0].equals("metrics")) {
      ctx.endpoint = "metrics";
      requireMethod(method, "GET");
      String text = metrics.render();
      if (text == null) {
        throw ClientError.notFound("metrics go to the host's MeterRegistry; this server exposes"
            + " no /metrics");
      }
      ctx.contentType = "text/plain; version=0.0.4; charset=utf-8";
      return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
    if (seg.length == 1 && seg[0].equals("v2")) {
      ctx.endpoint = "server";
      requireMethod(method, "GET");
      return ByteBuffer.wrap(
          V2Json.object(Map.of("name", "ciclo", "version", "0.1", "extensions", List.of())));
    }
    if (seg.length == 3 && seg[0].equals("models") && seg[2].equals("predict")) {
      ctx.endpoint = "predict";
      ModelSlot<?> slot = slot(seg[1], ctx);
      requireMethod(method, "POST");
      return ByteBuffer.wrap(plain(slot, ex, body, t0, ctx));
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
        return ByteBuffer.wrap(metadata(slot, version));
      }
      if (seg.length == rest + 1 && seg[rest].equals("ready")) {
        ctx.endpoint = "metadata";
        requireMethod(method, "GET");
        checkVersion(slot, slot.live(), version);
        return ByteBuffer.wrap(V2Json.object(Map.of("name", slot.model.name(), "ready", ready)));
      }
      if (seg.length == rest + 1 && seg[rest].equals("infer")) {
        ctx.endpoint = "infer";
        requireMethod(method, "POST");
        return infer(slot, ex, body, version, t0, ctx);
      }
    }
    throw ClientError.notFound(
        "no endpoint " + method + " " + ex.rawPath()
            + "; see GET /v2/models/{name}, POST /v2/models/{name}/infer,"
            + " POST /models/{name}/predict, GET /metrics");
  }

  private <X> ByteBuffer infer(
      ModelSlot<X> slot, Call ex, byte[] body, String version, long t0, Ctx ctx) {
    String name = slot.model.name();
    if (slot.model.tensorWidth() == 0) {
      throw ClientError.badRequest(
          "model '" + name + "' takes no tensors; send the raw body to POST /models/" + name
              + "/predict");
    }
    V2Json.InferRequest req = V2Json.parseInfer(body, name, slot.model.tensorWidth(), maxRows);
    String id = requestId(req.id, ex);
    String consent = req.consent != null ? req.consent : header(ex, "Ciclo-Consent");
    String subject = req.subjectId != null ? req.subjectId : header(ex, "Ciclo-Subject");
    Inferred r = inferRows(slot, version, id, req.rows, consent, subject, ctx, t0);
    return V2Json.inferResponse(name, r.version, id, r.predictions, slot.scoreLabels,
        req.outputs);
  }

  /** What one tensor inference gave, whatever the protocol. */
  record Inferred(String version, List<? extends Prediction<?>> predictions,
      List<String> scoreLabels) {}

  /** Checks a model's token (REST and gRPC alike). */
  void checkToken(String authorization) {
    if (expectedAuth == null) {
      return;
    }
    if (authorization == null) {
      throw new ClientError(401, "missing bearer token: send 'Authorization: Bearer <token>'");
    }
    // the scheme is case-insensitive and may be followed by several spaces (RFC 9110 11.4)
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ClientError(401, "authorization must use the Bearer scheme: send"
          + " 'Authorization: Bearer <token>'");
    }
    int at = 7;
    while (at < authorization.length() && authorization.charAt(at) == ' ') {
      at++;
    }
    byte[] sent = authorization.substring(at).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expectedAuth, sent)) {
      throw new ClientError(401, "wrong bearer token");
    }
  }

  /** The served model of that name, for another protocol; 404 if none. */
  ModelSlot<?> slotFor(String name) {
    return slot(name, new Ctx());
  }

  int maxRows() {
    return maxRows;
  }

  boolean ready() {
    return ready;
  }

  String newId() {
    return idPrefix + ids.incrementAndGet();
  }

  /** Counts a request answered by another protocol. */
  void count(String model, String version, String endpoint, int status, long t0) {
    metrics.request(model, version, endpoint, status, System.nanoTime() - t0);
  }

  /**
   * Predicts tensor rows on a model, logs and shadows them as consent allows: the part of an
   * infer request that REST and gRPC share.
   */
  <X> Inferred inferRows(ModelSlot<X> slot, String version, String id, double[][] rows,
      String consentText, String subject, Ctx ctx, long t0) {
    Instant arrival = clock.instant();
    Predictor<X, ?> p = slot.live();
    String served = checkVersion(slot, p, version);
    if (ctx != null) {
      ctx.version = served;
    }
    String name = slot.model.name();
    Consent consent = consent(consentText == null ? "" : consentText);
    List<X> inputs = new ArrayList<>(rows.length);
    for (int r = 0; r < rows.length; r++) {
      try {
        inputs.add(slot.model.fromTensorRow(rows[r]));
      } catch (IllegalArgumentException e) {
        throw ClientError.badRequest("row " + r + " is not an input of model '" + name + "': "
            + e.getMessage());
      }
    }
    List<? extends Prediction<?>> predictions = predict(p, inputs, name);
    int width = slot.model.tensorWidth();
    after(ctx, slot, p, id, arrival, served, inputs, predictions, t0, consent,
        subject == null ? "" : subject,
        i -> TensorPayload.ofDoubles(TensorPayload.ElementType.FP64, new long[] {1, width},
            rows[i]));
    return new Inferred(served, predictions, V2Json.commonLabels(predictions, slot.scoreLabels));
  }

  private <X> byte[] plain(ModelSlot<X> slot, Call ex, byte[] body, long t0, Ctx ctx) {
    Instant arrival = clock.instant();
    Predictor<X, ?> p = slot.live();
    String served = p.metadata().version();
    ctx.version = served;
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
    after(ctx, slot, p, id, arrival, served, inputs, predictions, t0, consent, subject,
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

  /**
   * Counts, logs and shadows predictions made. What may block (a log that writes, a shadow's
   * copy) is left in {@code ctx.after} for the engine to run before it answers (REST), or run
   * now ({@code ctx} null: gRPC, whose calls run on workers).
   */
  private <X> void after(
      Ctx ctx,
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
    slot.predictionCounter(version, metrics).increment(predictions.size());
    Predictor<X, ?> found = slot.shadow();
    Predictor<X, ?> shadow = found == live ? null : found;
    Runnable logAndShadow = () -> {
      recorder.record(slot, id, arrival, version, inputs, raw, predictions, latency, consent,
          subject);
      if (shadow != null) {
        shadows.submit(slot, shadow, id, arrival, inputs, raw, predictions, consent, subject);
      }
    };
    if (ctx != null && (shadow != null || recorder.writes(consent))) {
      ctx.after = logAndShadow;
    } else {
      // nothing to write (no log, or no consent: only counted), or not REST: now
      logAndShadow.run();
    }
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
    ctx.model = slot.model.name();
    return slot;
  }

  private void checkToken(Call ex) {
    checkToken(ex.header("Authorization"));
  }

  private ClientError tooLarge(String size) {
    return new ClientError(413, "request body is " + size + " but the limit is " + maxBytes
        + " bytes");
  }

  /**
   * Checks the method; where GET is allowed HEAD is too (RFC 9110 9.1: every general-purpose
   * server supports both), answered as GET without the body (Jetty drops it).
   */
  private static void requireMethod(String method, String allowed) {
    if (method.equals(allowed)) {
      return;
    }
    boolean get = allowed.equals("GET");
    if (get && method.equals("HEAD")) {
      return;
    }
    throw ClientError.methodNotAllowed(method, get ? "GET, HEAD" : allowed);
  }

  private String requestId(String fromBody, Call ex) {
    if (fromBody != null && !fromBody.isBlank()) {
      return checkedId(fromBody, "'id'");
    }
    String h = header(ex, "X-Request-Id");
    return h.isBlank() ? idPrefix + ids.incrementAndGet() : checkedId(h, "header X-Request-Id");
  }

  /**
   * A client's request id, if it is at most {@link #MAX_ID_CHARS} characters: every answer
   * echoes it and every logged record keeps it.
   *
   * @throws ClientError 400 naming {@code where} and the length, if longer
   */
  static String checkedId(String id, String where) {
    // characters as people count them (an emoji is one), not UTF-16 units
    if (id.length() > MAX_ID_CHARS && id.codePointCount(0, id.length()) > MAX_ID_CHARS) {
      throw ClientError.badRequest(where + " is " + id.codePointCount(0, id.length())
          + " characters long but a request id may have at most " + MAX_ID_CHARS);
    }
    return id;
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

  private static String header(Call ex, String name) {
    String v = ex.header(name);
    return v == null ? "" : v;
  }

  /**
   * The path's segments, each URL-decoded: a path every client asks for from {@link #knownPaths}
   * (an array callers must not change), any other split and decoded.
   */
  String[] segments(String rawPath) {
    String[] known = rawPath == null ? null : knownPaths.get(rawPath);
    return known != null ? known : parseSegments(rawPath);
  }

  /**
   * The path's segments, each URL-decoded (a segment with neither {@code %} nor {@code +} is
   * taken as it is, with no decoder and no regular expression on the request path).
   */
  static String[] parseSegments(String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    int from = 0;
    int to = p.length();
    while (from < to && p.charAt(from) == '/') {
      from++;
    }
    if (to > from && p.charAt(to - 1) == '/') {
      to--;
    }
    if (from == to) {
      return new String[0];
    }
    int n = 1;
    for (int i = from; i < to; i++) {
      if (p.charAt(i) == '/') {
        n++;
      }
    }
    String[] s = new String[n];
    int k = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || p.charAt(i) == '/') {
        s[k++] = decode(p.substring(start, i));
        start = i + 1;
      }
    }
    return s;
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0 && segment.indexOf('+') < 0) {
      return segment;
    }
    try {
      return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("path segment '" + segment + "' is not valid URL encoding");
    }
  }
}
