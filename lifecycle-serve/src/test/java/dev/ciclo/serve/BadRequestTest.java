package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.characters;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private TribuoClassifierModel<FeatureVector> model;
  private InferenceServer server;
  private InferenceServer secured;

  @BeforeAll
  void start() {
    model = ServeFixtures.model("1", 7);
    List<FeatureVector> warm = ServeFixtures.inputs(3, 1);
    server = InferenceServer.builder().port(0).threads(2).maxRequestBytes(2_000)
        .maxRowsPerRequest(3)
        .serve(ServedModel.features("blobs", model, ServeFixtures.NAMES, warm))
        .serve(ServedModel.builder("csv", model)
            .bytesInput(b -> FeatureVector.of(ServeFixtures.NAMES, Arrays.stream(
                new String(b, StandardCharsets.UTF_8).trim().split(","))
                .mapToDouble(Double::parseDouble).toArray()))
            .warmUp(warm).build())
        .build().start();
    secured = InferenceServer.builder().port(0).threads(2).bearerToken(TOKEN)
        .serve(ServedModel.features("blobs", model, ServeFixtures.NAMES, warm))
        .build().start();
  }

  @AfterAll
  void stop() {
    server.close();
    secured.close();
  }

  static final String GOOD =
      "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP64\",\"data\":[0,4,4,4]}]}";

  static Stream<Arguments> badInfer() {
    return Stream.of(
        Arguments.of("not JSON", "/v2/models/blobs/infer", "{\"inputs\": [", 400,
            "not valid JSON"),
        Arguments.of("trailing garbage", "/v2/models/blobs/infer", GOOD + " x", 400,
            "not valid JSON"),
        Arguments.of("empty body", "/v2/models/blobs/infer", "", 400, "empty"),
        Arguments.of("JSON array", "/v2/models/blobs/infer", "[1,2]", 400,
            "must be a JSON object"),
        Arguments.of("no inputs", "/v2/models/blobs/infer", "{\"id\":\"1\"}", 400,
            "'inputs' must be an array"),
        Arguments.of("two inputs", "/v2/models/blobs/infer",
            "{\"inputs\":[" + GOOD.substring(11, GOOD.length() - 2) + ","
                + GOOD.substring(11, GOOD.length() - 2) + "]}", 400,
            "exactly one input tensor"),
        Arguments.of("wrong width", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[1,3]").replace("[0,4,4,4]", "[0,4,4]"), 400,
            "has shape [1, 3] but model 'blobs' takes rows of 4 values"),
        Arguments.of("shape and data disagree", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[2,4]"), 400, "has 4 values but its shape [2, 4] needs 8"),
        Arguments.of("three dimensions", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[1,1,4]"), 400, "has 3 dimensions"),
        Arguments.of("negative shape", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[-1,4]"), 400, "shape element 0 is -1"),
        Arguments.of("shape whose size overflows 64 bits", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[4611686018427387904,4]"), 400,
            "[4611686018427387904, 4], whose size overflows a 64-bit count; it has 4 values"),
        Arguments.of("shape past 2^64", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[18446744073709551617,4]"), 400,
            "shape element 0 is 18446744073709551617 but must be a whole number >= 0"),
        Arguments.of("INT8 value past its range", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "INT8").replace("[0,4,4,4]", "[0,300,4,4]"), 400,
            "data element 1 is 300 but INT8 holds whole numbers from -128 to 127"),
        Arguments.of("UINT8 value below 0", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "UINT8").replace("[0,4,4,4]", "[-1,4,4,4]"), 400,
            "data element 0 is -1 but UINT8 holds whole numbers from 0 to 255"),
        Arguments.of("INT32 value with a fraction", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "INT32").replace("[0,4,4,4]", "[0,4,4.5,4]"), 400,
            "data element 2 is 4.5 but INT32 holds whole numbers from -2147483648 to 2147483647"),
        Arguments.of("UINT64 value past 2^64", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "UINT64").replace("[0,4,4,4]", "[0,4,4,36893488147419103232]"),
            400, "data element 3 is 36893488147419103232 but UINT64 holds whole numbers from 0"
                + " to 18446744073709551615"),
        Arguments.of("shape with a huge row count", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[9223372036854775807,4]"), 400, "overflows a 64-bit count"),
        Arguments.of("more rows than the per-request cap", "/v2/models/blobs/infer",
            GOOD.replace("[1,4]", "[4,4]").replace("[0,4,4,4]",
                "[0,4,4,4,0,4,4,4,0,4,4,4,0,4,4,4]"), 413,
            "has 4 rows but the limit is 3 rows per request"),
        Arguments.of("wrong datatype", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "BYTES"), 400, "datatype 'BYTES' but model 'blobs' takes numbers"),
        Arguments.of("datatype not a string", "/v2/models/blobs/infer",
            GOOD.replace("\"FP64\"", "5"), 400, "'inputs[0].datatype' must be a string but was 5"),
        Arguments.of("no datatype", "/v2/models/blobs/infer",
            GOOD.replace(",\"datatype\":\"FP64\"", ""), 400, "has no 'datatype'"),
        Arguments.of("string in data", "/v2/models/blobs/infer",
            GOOD.replace("[0,4,4,4]", "[0,\"four\",4,4]"), 400,
            "data element 1 is \"four\" but must be a number"),
        Arguments.of("NaN in data", "/v2/models/blobs/infer",
            GOOD.replace("[0,4,4,4]", "[0,4,NaN,4]"), 400,
            "data element 2 is NaN but must be a finite number"),
        Arguments.of("infinity in data", "/v2/models/blobs/infer",
            GOOD.replace("[0,4,4,4]", "[0,4,1e999,4]"), 400, "must be a finite number"),
        Arguments.of("unknown model", "/v2/models/nope/infer", GOOD, 404,
            "no model named 'nope'"),
        Arguments.of("unknown version", "/v2/models/blobs/versions/99/infer", GOOD, 404,
            "has no version '99' in service; it serves version '1'"),
        Arguments.of("bad consent", "/v2/models/blobs/infer",
            GOOD.replace("{\"inputs\"", "{\"parameters\":{\"consent\":\"maybe\"},\"inputs\""),
            400, "consent must be one of none, monitoring, training but was 'maybe'"),
        Arguments.of("id not a string", "/v2/models/blobs/infer",
            GOOD.replace("{\"inputs\"", "{\"id\":42,\"inputs\""), 400,
            "'id' must be a string"),
        Arguments.of("id too long", "/v2/models/blobs/infer",
            GOOD.replace("{\"inputs\"", "{\"id\":\"" + "x".repeat(257) + "\",\"inputs\""), 400,
            "'id' is 257 characters long but a request id may have at most 256"),
        Arguments.of("FP16 value past its range", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "FP16").replace("[0,4,4,4]", "[0,4,70000,4]"), 400,
            "data element 2 is 70000 but FP16 holds numbers from -65504 to 65504"),
        Arguments.of("FP32 value past its range", "/v2/models/blobs/infer",
            GOOD.replace("FP64", "FP32").replace("[0,4,4,4]", "[0,4,3.5e38,4]"), 400,
            "data element 2 is 3.5E38 but FP32 holds numbers from -3.4028235E38 to"
                + " 3.4028235E38"),
        Arguments.of("tensor to a bytes-only model", "/v2/models/csv/infer", GOOD, 400,
            "takes no tensors"),
        Arguments.of("undecodable raw body", "/models/csv/predict", "1,2,three,4", 400,
            "cannot be decoded for model 'csv'"),
        Arguments.of("raw body to a tensor-only model", "/models/blobs/predict", "1,2,3,4", 400,
            "takes no raw bodies"),
        Arguments.of("too large", "/v2/models/blobs/infer", " ".repeat(2_001) + GOOD, 413,
            "limit is 2000 bytes"),
        Arguments.of("unknown path", "/v3/whatever", GOOD, 404, "no endpoint"));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("badInfer")
  @DisplayName("every client mistake gets a 4xx JSON error that says what was wrong")
  void badRequests(String what, String path, String body, int status, String message)
      throws Exception {
    ServeFixtures.Answer a = ServeFixtures.send(client, "POST", uri(server, path), body);
    assertEquals(status, a.status(), what + ": " + a.body());
    assertErrorMentions(a.body(), message);
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("request ids of up to 256 characters are echoed, from the body or X-Request-Id;"
      + " a longer X-Request-Id is a 400 too; FP16 and FP32 values at their largest are served")
  void idsAndRanges() throws Exception {
    String id = "y".repeat(256);
    ServeFixtures.Answer a = ServeFixtures.send(client, "POST", uri(server,
        "/v2/models/blobs/infer"), GOOD.replace("{\"inputs\"", "{\"id\":\"" + id + "\",\"inputs\""));
    assertEquals(200, a.status(), a.body());
    assertEquals(id, JSON.readTree(a.body()).get("id").asText());
    a = ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"), GOOD,
        "X-Request-Id", id);
    assertEquals(id, JSON.readTree(a.body()).get("id").asText());
    a = ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"), GOOD,
        "X-Request-Id", id + "y");
    assertEquals(400, a.status(), a.body());
    assertErrorMentions(a.body(), "header X-Request-Id is 257 characters long");
    // characters as people count them: 256 emoji (512 UTF-16 units) are an id, 257 are not
    String emoji = "\uD83D\uDE00".repeat(256);
    a = ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"),
        GOOD.replace("{\"inputs\"", "{\"id\":\"" + emoji + "\",\"inputs\""));
    assertEquals(200, a.status(), a.body());
    assertEquals(emoji, JSON.readTree(a.body()).get("id").asText());
    a = ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"),
        GOOD.replace("{\"inputs\"", "{\"id\":\"" + emoji + "\uD83D\uDE00\",\"inputs\""));
    assertErrorMentions(a.body(), "'id' is 257 characters long");
    for (String[] typed : new String[][] {{"FP16", "65504"}, {"FP32", "3.4028235e38"}}) {
      a = ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"),
          GOOD.replace("FP64", typed[0]).replace("[0,4,4,4]", "[0,4," + typed[1] + ",4]"));
      assertEquals(200, a.status(), typed[0] + ": " + a.body());
    }
  }

  @Test
  @DisplayName("a POST from a web page (an Origin header) is refused 403 naming the origin: the"
      + " server answers no CORS preflight, so a page could only send what browsers send without"
      + " one (text/plain, a form); GETs from pages and POSTs without Origin are served")
  void webPages() throws Exception {
    ServeFixtures.Answer a = ServeFixtures.send(client, "POST", uri(server,
        "/v2/models/blobs/infer"), GOOD, "Origin", "https://attacker.example",
        "Content-Type", "text/plain");
    assertEquals(403, a.status(), a.body());
    assertErrorMentions(a.body(), "requests from web pages are refused (Origin:"
        + " https://attacker.example)");
    a = ServeFixtures.send(client, "POST", uri(server, "/models/csv/predict"), "1,2,3,4",
        "Origin", "null", "Content-Type", "text/plain");
    assertEquals(403, a.status(), a.body());
    assertEquals(200, ServeFixtures.send(client, "GET", uri(server, "/v2/health/ready"), null,
        "Origin", "https://attacker.example").status());
    assertEquals(200, ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"),
        GOOD, "Content-Type", "text/plain").status());
    assertTrue(ServeFixtures.metric(server.metricsText(), "ciclo_http_requests_total", "code",
        "403") >= 2, server.metricsText());
  }

  @Test
  @DisplayName("a body over the limit without Content-Length (chunked) gets 413")
  void tooLargeChunked() throws Exception {
    byte[] big = (" ".repeat(5_000) + GOOD).getBytes(StandardCharsets.UTF_8);
    HttpRequest r = HttpRequest.newBuilder(uri(server, "/v2/models/blobs/infer"))
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
        .build();
    HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
    assertEquals(413, a.statusCode(), a.body());
    assertErrorMentions(a.body(), "more than 2000 bytes but the limit is 2000 bytes");
    // counted under the model and endpoint its path names, as a 413 found by routing would be
    assertTrue(ServeFixtures.metric(server.metricsText(), "ciclo_http_requests_total", "code",
        "413", "endpoint", "infer", "model", "blobs") >= 1, server.metricsText());
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("a wrong method gets 405 with the Allow header RFC 9110 asks for")
  void wrongMethod() throws Exception {
    java.net.http.HttpResponse<String> a = client.send(java.net.http.HttpRequest.newBuilder(
        uri(server, "/v2/models/blobs/infer")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(405, a.statusCode());
    assertErrorMentions(a.body(), "method GET is not allowed here; use POST");
    assertEquals(List.of("POST"), a.headers().allValues("Allow"));
    java.net.http.HttpResponse<String> b = client.send(java.net.http.HttpRequest.newBuilder(
        uri(server, "/v2/health/live")).DELETE().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(405, b.statusCode());
    assertEquals(List.of("GET, HEAD"), b.headers().allValues("Allow"));
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("HEAD is answered as GET without a body on every GET route (RFC 9110 9.1), and"
      + " is a 405 naming POST on the POST routes")
  void head() throws Exception {
    for (String path : List.of("/v2/health/live", "/v2/health/ready", "/v2", "/v2/models/blobs",
        "/v2/models/blobs/ready", "/metrics")) {
      HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri(server, path)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri(server, path))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, head.statusCode(), path + ": " + head.body());
      assertEquals("", head.body(), path);
      assertEquals(get.headers().firstValue("Content-Type"),
          head.headers().firstValue("Content-Type"), path);
    }
    HttpResponse<String> post = client.send(HttpRequest.newBuilder(
        uri(server, "/v2/models/blobs/infer")).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals(List.of("POST"), post.headers().allValues("Allow"));
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("requested outputs (OIP v2 'outputs'): only those come back, in the usual order;"
      + " an unknown name is a 400 that names it")
  void requestedOutputs() throws Exception {
    String data = "\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP64\","
        + "\"data\":[0,4,4,4]}]";
    JsonNode all = JSON.readTree(ServeFixtures.send(client, "POST",
        uri(server, "/v2/models/blobs/infer"), GOOD).body());
    for (List<String> asked : List.of(List.of("scores"), List.of("score_labels", "label"),
        List.of("label", "scores", "score_labels"))) {
      StringBuilder outputs = new StringBuilder();
      for (String n : asked) {
        outputs.append(outputs.length() == 0 ? "" : ",").append("{\"name\":\"").append(n)
            .append("\"}");
      }
      ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
          uri(server, "/v2/models/blobs/infer"), "{" + data + ",\"outputs\":[" + outputs + "]}");
      assertEquals(200, a.status(), a.body());
      JsonNode got = JSON.readTree(a.body()).path("outputs");
      List<String> names = new ArrayList<>();
      got.forEach(o -> names.add(o.path("name").asText()));
      List<String> expected = List.of("label", "scores", "score_labels").stream()
          .filter(asked::contains).toList();
      assertEquals(expected, names);
      for (JsonNode o : got) {
        JsonNode same = null;
        for (JsonNode w : all.path("outputs")) {
          if (w.path("name").equals(o.path("name"))) {
            same = w;
          }
        }
        assertEquals(same, o, "output " + o.path("name"));
      }
    }
    ServeFixtures.Answer unknown = ServeFixtures.send(client, "POST",
        uri(server, "/v2/models/blobs/infer"), "{" + data + ",\"outputs\":[{\"name\":\"nope\"}]}");
    assertEquals(400, unknown.status());
    assertErrorMentions(unknown.body(), "requested output 'nope' is not one of the model's"
        + " outputs [label, scores, score_labels]");
    ServeFixtures.Answer notArray = ServeFixtures.send(client, "POST",
        uri(server, "/v2/models/blobs/infer"), "{" + data + ",\"outputs\":\"label\"}");
    assertEquals(400, notArray.status());
    assertErrorMentions(notArray.body(), "'outputs' must be an array");
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("a compressed body gets 415 without being inflated; identity is fine")
  void contentEncoding() throws Exception {
    for (String encoding : List.of("gzip", "deflate, gzip", "br")) {
      ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
          uri(server, "/v2/models/blobs/infer"), GOOD, "Content-Encoding", encoding);
      assertEquals(415, a.status(), a.body());
      assertErrorMentions(a.body(), "Content-Encoding '" + encoding + "' is not supported");
    }
    assertEquals(200, ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"),
        GOOD, "Content-Encoding", "identity").status());
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("a body for a model not served gets 404 before it is read (no 100 Continue), and a"
      + " Transfer-Encoding other than chunked gets 415 naming it")
  void beforeTheBody() throws Exception {
    String expect = raw(server, "POST /v2/models/nope/infer HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n");
    assertTrue(expect.startsWith("HTTP/1.1 404 "), expect);
    assertTrue(expect.contains("no model named 'nope'"), expect);
    String gzip = raw(server, "POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
    assertTrue(gzip.startsWith("HTTP/1.1 415 "), gzip);
    assertTrue(gzip.contains("Transfer-Encoding 'gzip, chunked' is not supported"), gzip);
    assertStillServing(server, "");
  }

  @Test
  @DisplayName("a header the server reads, sent on two lines, counts as both values (RFC 9110"
      + " 5.3): identity then gzip is refused as gzip, two consents that differ get 400")
  void repeatedHeaders() throws Exception {
    String post = "POST /v2/models/blobs/infer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + GOOD.length() + "\r\n";
    String encodings = raw(server, post + "Content-Encoding: identity\r\n"
        + "Content-Encoding: gzip\r\n\r\n" + GOOD);
    assertTrue(encodings.startsWith("HTTP/1.1 415 "), encodings);
    assertTrue(encodings.contains("Content-Encoding 'identity, gzip' is not supported"),
        encodings);
    String consents = raw(server, post + "Ciclo-Consent: training\r\n"
        + "Ciclo-Consent: none\r\n\r\n" + GOOD);
    assertTrue(consents.startsWith("HTTP/1.1 400 "), consents);
    assertTrue(consents.contains("but was 'training, none'"), consents);
    String one = raw(server, post + "Ciclo-Consent: training\r\n\r\n" + GOOD);
    assertTrue(one.startsWith("HTTP/1.1 200 "), one);
    assertStillServing(server, "");
  }

  /** Sends raw bytes and reads the answer until the server closes or is silent for 5 s. */
  private static String raw(InferenceServer s, String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
        s.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      byte[] b = new byte[4096];
      try {
        for (int n; (n = socket.getInputStream().read(b)) > 0; ) {
          got.write(b, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // still open: what came is the answer
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  @DisplayName("with a token set, requests without it or with another get 401; health stays open")
  void bearerToken() throws Exception {
    ServeFixtures.Answer none =
        ServeFixtures.send(client, "POST", uri(secured, "/v2/models/blobs/infer"), GOOD);
    assertEquals(401, none.status());
    assertErrorMentions(none.body(), "missing bearer token");
    ServeFixtures.Answer wrong = ServeFixtures.send(client, "POST",
        uri(secured, "/v2/models/blobs/infer"), GOOD, "Authorization", "Bearer nope");
    assertEquals(401, wrong.status());
    assertErrorMentions(wrong.body(), "wrong bearer token");
    ServeFixtures.Answer basic = ServeFixtures.send(client, "POST",
        uri(secured, "/v2/models/blobs/infer"), GOOD, "Authorization", "Basic " + TOKEN);
    assertEquals(401, basic.status());
    assertErrorMentions(basic.body(), "authorization must use the Bearer scheme");
    ServeFixtures.Answer prefix = ServeFixtures.send(client, "POST",
        uri(secured, "/v2/models/blobs/infer"), GOOD, "Authorization",
        "Bearer " + TOKEN.substring(0, 5));
    assertEquals(401, prefix.status());
    // the scheme is case-insensitive, and more than one space may follow it (RFC 9110 11.4)
    for (String scheme : List.of("bearer ", "BEARER ", "Bearer   ")) {
      assertEquals(200, ServeFixtures.send(client, "POST",
          uri(secured, "/v2/models/blobs/infer"), GOOD, "Authorization", scheme + TOKEN)
          .status(), scheme);
    }
    ServeFixtures.Answer metrics =
        ServeFixtures.send(client, "GET", uri(secured, "/metrics"), null);
    assertEquals(401, metrics.status());
    assertEquals(200,
        ServeFixtures.send(client, "GET", uri(secured, "/v2/health/ready"), null).status());
    assertStillServing(secured, "Bearer " + TOKEN);
  }

  @Test
  @DisplayName("client mistakes are counted as 4xx in /metrics and never as 5xx")
  void mistakesCounted() throws Exception {
    ServeFixtures.send(client, "POST", uri(server, "/v2/models/blobs/infer"), "{");
    String metrics = ServeFixtures.send(client, "GET", uri(server, "/metrics"), null).body();
    assertTrue(ServeFixtures.metric(metrics, "ciclo_http_request_errors_total", "model", "blobs",
        "endpoint", "infer", "code", "400") >= 1, metrics);
    assertTrue(!metrics.contains("code=\"500\""), metrics);
  }

  @Test
  @DisplayName("property: any body, random text or a valid request with one character changed,"
      + " gets 200 or a 4xx JSON error, never a 5xx")
  void neverFiveHundred() {
    qt().withExamples(150).withShrinkCycles(20)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 120))
        .checkAssert(body -> assertClientAnswer(body));
    qt().withExamples(250).withShrinkCycles(20)
        .forAll(integers().between(0, GOOD.length() - 1), characters().basicLatinCharacters())
        .checkAssert((at, c) -> assertClientAnswer(
            GOOD.substring(0, at) + c + GOOD.substring(at + 1)));
  }

  private void assertClientAnswer(String body) {
    try {
      ServeFixtures.Answer a = ServeFixtures.send(client, "POST",
          uri(server, "/v2/models/blobs/infer"), body);
      assertTrue(a.status() == 200 || (a.status() >= 400 && a.status() < 500),
          a.status() + " for " + body + ": " + a.body());
      if (a.status() != 200) {
        assertTrue(JSON.readTree(a.body()).has("error"), a.body());
      }
    } catch (Exception e) {
      throw new AssertionError("request failed for body " + body, e);
    }
  }

  private void assertStillServing(InferenceServer s, String auth) throws Exception {
    ServeFixtures.Answer ok = auth.isEmpty()
        ? ServeFixtures.send(client, "POST", uri(s, "/v2/models/blobs/infer"), GOOD)
        : ServeFixtures.send(client, "POST", uri(s, "/v2/models/blobs/infer"), GOOD,
            "Authorization", auth);
    assertEquals(200, ok.status(), ok.body());
    JsonNode n = JSON.readTree(ok.body());
    assertEquals(model.predict(FeatureVector.of(ServeFixtures.NAMES, new double[] {0, 4, 4, 4}))
        .value(), n.path("outputs").path(0).path("data").path(0).asText());
  }

  private static void assertErrorMentions(String body, String text) throws Exception {
    JsonNode n = JSON.readTree(body);
    assertTrue(n.has("error"), "no 'error' field in " + body);
    assertTrue(n.get("error").asText().contains(text),
        "error '" + n.get("error").asText() + "' does not mention '" + text + "'");
  }

  private static URI uri(InferenceServer s, String path) {
    return URI.create(s.uri() + path);
  }
}
