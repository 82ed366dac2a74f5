package dev.ciclo.serve.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.serve.internal.ServeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Predictor} over HTTP: each call is a request to an
 * {@link dev.ciclo.serve.InferenceServer} model served with a tensor input. Its answers
 * equal those of the served predictor in-process: the values are sent as FP64 (exact), and the
 * label and scores come back as the server computed them. The predicted value is the served
 * value's text ({@code toString()}).
 *
 * <p>Errors: a 4xx for the input (wrong width, a value the model refuses, too large) is an
 * {@link IllegalArgumentException} with the server's message; any other failure (server down,
 * unknown model, wrong token, 5xx) is a {@link CicloException} naming the URI and status.
 *
 * <p>Thread-safe: the underlying {@link HttpClient} is.
 */
public final class HttpPredictor implements Predictor<FeatureVector, String> {
  private static final ObjectMapper MAPPER = ServeJson.MAPPER;

  private final HttpClient client;
  private final URI base;
  private final String model;
  private final URI inferUri;
  private final URI predictUri;
  private final URI metadataUri;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final int batchSize;
  private final String token;
  private final Consent consent;

  private HttpPredictor(Builder b) {
    this.client = b.client != null ? b.client
        : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    this.base = b.base;
    this.model = b.model;
    String m = URLEncoder.encode(model, StandardCharsets.UTF_8);
    String v = b.version == null ? "" : "/versions/" + URLEncoder.encode(b.version,
        StandardCharsets.UTF_8);
    String root = base.toString().replaceAll("/+$", "");
    this.inferUri = URI.create(root + "/v2/models/" + m + v + "/infer");
    this.metadataUri = URI.create(root + "/v2/models/" + m + v);
    this.predictUri = URI.create(root + "/models/" + m + "/predict");
    this.timeout = b.timeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.batchSize = b.batchSize;
    this.token = b.token;
    this.consent = b.consent;
  }

  /**
   * Starts configuring a client for one served model.
   *
   * @param baseUri the server's base URI, for example {@code server.uri()}
   * @param modelName the served model's name
   * @return a builder
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the URI is not http(s) or the name is blank
   */
  public static Builder builder(URI baseUri, String modelName) {
    return new Builder(baseUri, modelName);
  }

  /**
   * Predicts one input with one request.
   *
   * @param input the feature vector; its values are sent in order
   * @return the server's prediction
   * @throws IllegalArgumentException if the server refuses the input (4xx)
   * @throws CicloException if the request fails for another reason
   */
  @Override
  public Prediction<String> predict(FeatureVector input) {
    Objects.requireNonNull(input, "input");
    return predictBatch(List.of(input)).get(0);
  }

  /**
   * Predicts several inputs of the same width, with one request (a tensor of shape
   * {@code [n, width]}) per {@link Builder#batchSize} inputs.
   *
   * @param inputs the inputs, none null, all of the same size
   * @return one prediction per input, in order
   * @throws IllegalArgumentException if the inputs differ in size or the server refuses them
   * @throws CicloException if the request fails for another reason
   */
  @Override
  public List<Prediction<String>> predictBatch(List<? extends FeatureVector> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.size() <= batchSize) {
      return predictOneRequest(inputs);
    }
    List<Prediction<String>> out = new ArrayList<>(inputs.size());
    for (int from = 0; from < inputs.size(); from += batchSize) {
      out.addAll(predictOneRequest(inputs.subList(from, Math.min(inputs.size(),
          from + batchSize))));
    }
    return out;
  }

  private List<Prediction<String>> predictOneRequest(List<? extends FeatureVector> inputs) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    int width = Objects.requireNonNull(inputs.get(0), "inputs element").size();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + inputs.size() * width * 20);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(bytes)) {
      g.writeStartObject();
      if (consent != Consent.NONE) {
        g.writeObjectFieldStart("parameters");
        g.writeStringField("consent", consent.name().toLowerCase(Locale.ROOT));
        g.writeEndObject();
      }
      g.writeArrayFieldStart("inputs");
      g.writeStartObject();
      g.writeStringField("name", "input");
      g.writeArrayFieldStart("shape");
      g.writeNumber(inputs.size());
      g.writeNumber(width);
      g.writeEndArray();
      g.writeStringField("datatype", "FP64");
      g.writeArrayFieldStart("data");
      for (int i = 0; i < inputs.size(); i++) {
        FeatureVector v = Objects.requireNonNull(inputs.get(i), "inputs element");
        if (v.size() != width) {
          throw new IllegalArgumentException("inputs must all have " + width
              + " features but input " + i + " has " + v.size());
        }
        for (int j = 0; j < width; j++) {
          g.writeNumber(v.get(j));
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode answer = send(request(inferUri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(), inferUri);
    return parseInfer(answer, inputs.size());
  }

  /**
   * Sends a raw body (for example a WAV file) to the server's plain endpoint
   * {@code POST /models/{name}/predict}, where the model's bytes decoder turns it into an input.
   *
   * @param body the body, not empty
   * @return the server's prediction
   * @throws IllegalArgumentException if the body is empty or the server refuses it (4xx)
   * @throws CicloException if the request fails for another reason
   */
  public Prediction<String> predictBytes(byte[] body) {
    Objects.requireNonNull(body, "body");
    if (body.length == 0) {
      throw new IllegalArgumentException("body must not be empty");
    }
    HttpRequest.Builder r = request(predictUri).header("Content-Type", "application/octet-stream");
    if (consent != Consent.NONE) {
      r.header("Ciclo-Consent", consent.name().toLowerCase(Locale.ROOT));
    }
    JsonNode answer = send(r.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        predictUri);
    Map<String, Double> scores = new LinkedHashMap<>();
    answer.path("scores").fields().forEachRemaining(e -> scores.put(e.getKey(),
        e.getValue().doubleValue()));
    return new Prediction<>(answer.path("prediction").asText(), scores);
  }

  /**
   * Asks the server what model answers now ({@code GET /v2/models/{name}}); the version changes
   * when the server swaps models.
   *
   * @return the served model's metadata
   * @throws CicloException if the request fails
   */
  @Override
  public ModelMetadata metadata() {
    JsonNode m = send(request(metadataUri).GET().build(), metadataUri);
    Map<String, String> props = new HashMap<>();
    m.path("parameters").fields().forEachRemaining(e -> props.put(e.getKey(),
        e.getValue().asText()));
    return new ModelMetadata(m.path("name").asText(model), m.path("versions").path(0).asText("?"),
        m.path("platform").asText("?"), props);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(timeout);
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return r;
  }

  private JsonNode send(HttpRequest request, URI uri) {
    // The request timeout only covers the wait for the answer's headers: the whole exchange,
    // body included, gets its own deadline, and the body its own size cap, so a server that
    // answers slowly or endlessly cannot hold or exhaust the caller.
    Capped capped = new Capped(maxResponseBytes);
    CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, info -> capped);
    HttpResponse<byte[]> response;
    try {
      response = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      capped.cancel();
      f.cancel(true);
      throw new CicloException("request to " + uri + " took longer than " + timeout
          + " (answer and body together)", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof TooLarge) {
        throw new CicloException("answer from " + uri + " is larger than " + maxResponseBytes
            + " bytes (maxResponseBytes)", c);
      }
      throw new CicloException("request to " + uri + " failed: " + c, c);
    } catch (InterruptedException e) {
      capped.cancel();
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new CicloException("request to " + uri + " was interrupted", e);
    }
    int status = response.statusCode();
    JsonNode body;
    try {
      body = MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new CicloException("answer " + status + " from " + uri + " is not JSON", e);
    }
    if (status == 200) {
      return body;
    }
    String message = body != null && body.has("error") ? body.get("error").asText()
        : new String(response.body(), StandardCharsets.UTF_8);
    if (status == 400 || status == 413 || status == 422) {
      throw new IllegalArgumentException("server refused the input (" + status + "): " + message);
    }
    throw new CicloException("server at " + uri + " answered " + status + ": " + message);
  }

  private static List<Prediction<String>> parseInfer(JsonNode answer, int n) {
    JsonNode labels = null;
    JsonNode scores = null;
    JsonNode scoreLabels = null;
    for (JsonNode o : answer.path("outputs")) {
      switch (o.path("name").asText()) {
        case "label" -> labels = o.path("data");
        case "scores" -> scores = o.path("data");
        case "score_labels" -> scoreLabels = o.path("data");
        default -> { }
      }
    }
    if (labels == null || labels.size() != n) {
      throw new CicloException("server answer has no 'label' output with " + n + " values: "
          + answer);
    }
    int k = scoreLabels == null ? 0 : scoreLabels.size();
    List<Prediction<String>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Double> s = new LinkedHashMap<>();
      for (int j = 0; j < k && scores != null; j++) {
        s.put(scoreLabels.get(j).asText(), scores.get(i * k + j).doubleValue());
      }
      out.add(new Prediction<>(labels.get(i).asText(), s));
    }
    return out;
  }

  /** The answer's body was larger than the cap. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long cap) {
      super("answer body is larger than " + cap + " bytes");
    }
  }

  /** Collects a body up to a cap; cancels the stream past it or when told to. */
  private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
    private final long cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    Capped(long cap) {
      this.cap = cap;
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if (out.size() + (long) b.remaining() > cap) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge(cap));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }

  @Override
  public String toString() {
    return "HttpPredictor[" + inferUri + "]";
  }

  /** Configures an {@link HttpPredictor}. Not thread-safe. */
  public static final class Builder {
    private final URI base;
    private final String model;
    private HttpClient client;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxResponseBytes = 16L << 20;
    private int batchSize = 1_000;
    private String token;
    private String version;
    private Consent consent = Consent.NONE;

    private Builder(URI base, String model) {
      Objects.requireNonNull(base, "baseUri");
      Objects.requireNonNull(model, "modelName");
      if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
        throw new IllegalArgumentException("baseUri must be http or https but was " + base);
      }
      if (model.isBlank()) {
        throw new IllegalArgumentException("modelName must not be blank");
      }
      this.base = base;
      this.model = model;
    }

    /**
     * The HTTP client. Default: a new HTTP/1.1 client with a 5 s connect timeout.
     *
     * @param client the client (shared clients share connections)
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The most inputs sent in one request by {@link HttpPredictor#predictBatch}; longer batches
     * go as several requests. Default 1,000, the server's default row cap.
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder batchSize(int size) {
      this.batchSize = Checks.atLeast(size, 1, "batchSize");
      return this;
    }

    /**
     * The largest answer body read; a larger one is cut off and the call fails with a
     * {@link CicloException}. Default 16 MiB.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1 but was "
            + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * How long one call may take in total, from sending the request to the last byte of the
     * answer; past it the call fails with a {@link CicloException} and the exchange is
     * cancelled. Default 30 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The bearer token to send. Default: none.
     *
     * @param token the token
     * @return this builder
     */
    public Builder bearerToken(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Asks for one version only ({@code /versions/{v}/infer}); the server answers 404 (a
     * {@link CicloException} here) once it serves another. Default: whatever version is served.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * The consent sent with every request, which decides whether the server logs it. Default
     * {@link Consent#NONE}.
     *
     * @param consent the consent
     * @return this builder
     */
    public Builder consent(Consent consent) {
      this.consent = Objects.requireNonNull(consent, "consent");
      return this;
    }

    /**
     * Makes the client.
     *
     * @return the client
     */
    public HttpPredictor build() {
      return new HttpPredictor(this);
    }
  }
}
