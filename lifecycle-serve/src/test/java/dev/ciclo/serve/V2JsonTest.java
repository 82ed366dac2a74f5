package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.characters;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.serve.internal.ServeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two readings of an infer request, token by token (the fast path) and through a JSON tree
 * (the one that words errors), give the same request for every body: the fast one either agrees
 * with the tree or declines ({@code null}) and lets the tree answer.
 */
class V2JsonTest {
  private static final int WIDTH = 4;
  private static final int MAX_ROWS = 5;

  @Test
  @DisplayName("property: a valid request in any field order, with any numbers, is read the same"
      + " by both readings, and the fast one takes it")
  void validRequestsAgree() {
    qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
      String body = validRequest(new SplittableRandom(seed));
      V2Json.InferRequest fast = V2Json.streamed(bytes(body), WIDTH, MAX_ROWS);
      assertNotNull(fast, "the fast reading declined a valid request: " + body);
      assertSame(V2Json.parseTree(bytes(body), "m", WIDTH, MAX_ROWS), fast, body);
    });
  }

  @Test
  @DisplayName("property: a valid request with one character changed, removed or doubled is read"
      + " the same by both, or the fast one declines where the tree answers an error")
  void mutatedRequestsAgree() {
    qt().withExamples(4_000).forAll(longs().all(), integers().between(0, 10_000),
        characters().basicLatinCharacters()).checkAssert((seed, at, c) -> {
          String valid = validRequest(new SplittableRandom(seed));
          int i = at % valid.length();
          String body = switch (at % 3) {
            case 0 -> valid.substring(0, i) + c + valid.substring(i + 1);
            case 1 -> valid.substring(0, i) + valid.substring(i + 1);
            default -> valid.substring(0, i) + c + valid.substring(i);
          };
          agree(body);
        });
  }

  @Test
  @DisplayName("property: a valid request with one field of any object in it written twice is"
      + " refused by the tree and declined by the fast reading, which checks duplicates itself")
  void duplicateFieldsDeclined() throws IOException {
    qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      JsonNode valid;
      try {
        valid = ServeJson.MAPPER.readTree(validRequest(r));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<ObjectNode> objects = new ArrayList<>();
      collectObjects(valid, objects);
      ObjectNode target = objects.get(r.nextInt(objects.size()));
      List<String> fields = new ArrayList<>();
      target.fieldNames().forEachRemaining(fields::add);
      String twice = fields.get(r.nextInt(fields.size()));
      StringBuilder body = new StringBuilder();
      writeDoubling(valid, target, twice, r, body);
      String b = body.toString();
      assertNull(V2Json.streamed(bytes(b), WIDTH, MAX_ROWS), b);
      ClientError e = assertThrows(ClientError.class,
          () -> V2Json.parseTree(bytes(b), "m", WIDTH, MAX_ROWS), b);
      assertTrue(e.getMessage().contains("Duplicate field '" + twice + "'"), e.getMessage());
    });
  }

  private static void collectObjects(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode o && !o.isEmpty()) {
      out.add(o);
    }
    n.elements().forEachRemaining(c -> collectObjects(c, out));
  }

  /** Writes {@code n} as JSON with field {@code twice} of {@code target} written twice. */
  private static void writeDoubling(JsonNode n, ObjectNode target, String twice,
      SplittableRandom r, StringBuilder out) {
    if (n.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        int copies = n == target && e.getKey().equals(twice) ? 2 : 1;
        for (int i = 0; i < copies; i++) {
          out.append(first ? "" : ",").append(TextNode.valueOf(e.getKey()))
              .append(':');
          first = false;
          // the second copy has the same value or another one: a duplicate either way
          writeDoubling(i == 1 && r.nextBoolean() ? IntNode.valueOf(7) : e.getValue(), target,
              twice, r, out);
        }
      }
      out.append('}');
    } else if (n.isArray()) {
      out.append('[');
      for (int i = 0; i < n.size(); i++) {
        out.append(i == 0 ? "" : ",");
        writeDoubling(n.get(i), target, twice, r, out);
      }
      out.append(']');
    } else {
      out.append(n);
    }
  }

  @Test
  @DisplayName("the cases the tree words as errors are declined by the fast reading")
  void errorsDeclined() {
    String good = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP64\","
        + "\"data\":[0,4,4,4]}]}";
    List<String> bad = List.of("{\"inputs\": [", good + " x", "[1,2]", "{\"id\":\"1\"}",
        good.replace("[1,4]", "[1,3]"), good.replace("[1,4]", "[2,4]"),
        good.replace("[1,4]", "[1,1,4]"), good.replace("[1,4]", "[-1,4]"),
        good.replace("[1,4]", "[4611686018427387904,4]"),
        good.replace("[1,4]", "[18446744073709551617,4]"), good.replace("[1,4]", "[6,4]"),
        good.replace("FP64", "BYTES"), good.replace(",\"datatype\":\"FP64\"", ""),
        good.replace("[0,4,4,4]", "[0,\"four\",4,4]"), good.replace("[0,4,4,4]", "[0,4,NaN,4]"),
        good.replace("[0,4,4,4]", "[0,4,1e999,4]"), good.replace("{\"inputs\"", "{\"id\":42,"
            + "\"inputs\""), good.replace("\"name\":\"x\"", "\"name\":\"x\",\"name\":\"y\""),
        good.replace("[1,4]", "[1.0,4]"), good.replace("[1,4]", "[]"),
        good.replace("{\"inputs\"", "{\"parameters\":[],\"inputs\""));
    for (String b : bad) {
      assertNull(V2Json.streamed(bytes(b), WIDTH, MAX_ROWS), b);
      assertThrows(ClientError.class, () -> V2Json.parseTree(bytes(b), "m", WIDTH, MAX_ROWS), b);
    }
  }

  @Test
  @DisplayName("nested data is left to the tree, which reads it")
  void nestedDataToTree() {
    String nested = "{\"inputs\":[{\"shape\":[2,4],\"datatype\":\"FP32\","
        + "\"data\":[[0.1,4,4,4],[1,2,3,4]]}]}";
    assertNull(V2Json.streamed(bytes(nested), WIDTH, MAX_ROWS));
    V2Json.InferRequest r = V2Json.parseInfer(bytes(nested), "m", WIDTH, MAX_ROWS);
    assertArrayEquals(new double[] {(float) 0.1, 4, 4, 4}, r.rows[0]);
  }

  @Test
  @DisplayName("property: the hand-written infer answer is byte for byte what Jackson's generator"
      + " writes, for any labels (quotes, control characters, non-ASCII) and any scores")
  void answerBytesAsGenerated() {
    qt().withExamples(3_000).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      int k = r.nextInt(5);
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        labels.add(text(r) + i);
      }
      List<Prediction<?>> ps = new ArrayList<>();
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String l : labels) {
          scores.put(l, score(r));
        }
        Object value = r.nextBoolean() ? text(r) : (Object) r.nextInt();
        ps.add(new Prediction<>(value, scores));
      }
      String model = "m" + text(r);
      String version = text(r);
      String id = text(r);
      String generated = new String(generated(model, version, id, ps,
          new AtomicReference<>(List.of())), StandardCharsets.UTF_8);
      String written = StandardCharsets.UTF_8.decode(V2Json.inferResponse(model, version, id, ps,
          new AtomicReference<>(List.of()))).toString();
      assertEquals(generated, written);
    });
  }

  private static String text(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(5);
      sb.append(switch (kind) {
        case 0 -> (char) r.nextInt(0x20);
        case 1 -> "\"\\/\u007f".charAt(r.nextInt(4));
        case 2 -> (char) (0xa0 + r.nextInt(0x700));
        case 3 -> "\ud83d\ude00";
        default -> (char) ('a' + r.nextInt(26));
      });
    }
    return sb.toString();
  }

  private static double score(SplittableRandom r) {
    return switch (r.nextInt(5)) {
      case 0 -> r.nextDouble();
      case 1 -> -0.0;
      case 2 -> Double.MIN_VALUE * r.nextInt(1000);
      case 3 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
      default -> Math.round(r.nextDouble() * 1000) / 1000.0;
    };
  }

  /** The infer answer as Jackson's generator wrote it before JsonBytes: the oracle. */
  private static byte[] generated(
      String model, String version, String id, List<? extends Prediction<?>> predictions,
      AtomicReference<List<String>> labelCache) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 64 * predictions.size());
    try (JsonGenerator g = ServeJson.MAPPER.getFactory().createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("model_name", model);
      g.writeStringField("model_version", version);
      g.writeStringField("id", id);
      g.writeArrayFieldStart("outputs");
      g.writeStartObject();
      g.writeStringField("name", "label");
      g.writeArrayFieldStart("shape");
      g.writeNumber(predictions.size());
      g.writeEndArray();
      g.writeStringField("datatype", "BYTES");
      g.writeArrayFieldStart("data");
      for (Prediction<?> p : predictions) {
        g.writeString(p.value().toString());
      }
      g.writeEndArray();
      g.writeEndObject();
      List<String> labels = V2Json.commonLabels(predictions, labelCache);
      if (labels != null) {
        g.writeStartObject();
        g.writeStringField("name", "scores");
        g.writeArrayFieldStart("shape");
        g.writeNumber(predictions.size());
        g.writeNumber(labels.size());
        g.writeEndArray();
        g.writeStringField("datatype", "FP64");
        g.writeArrayFieldStart("data");
        for (Prediction<?> p : predictions) {
          for (String l : labels) {
            g.writeNumber(p.scores().get(l));
          }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("name", "score_labels");
        g.writeArrayFieldStart("shape");
        g.writeNumber(labels.size());
        g.writeEndArray();
        g.writeStringField("datatype", "BYTES");
        g.writeArrayFieldStart("data");
        for (String l : labels) {
          g.writeString(l);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }


  private static void agree(String body) {
    V2Json.InferRequest tree;
    try {
      tree = V2Json.parseTree(bytes(body), "m", WIDTH, MAX_ROWS);
    } catch (ClientError e) {
      assertNull(V2Json.streamed(bytes(body), WIDTH, MAX_ROWS),
          "the tree says '" + e.getMessage() + "' but the fast reading took " + body);
      return;
    }
    V2Json.InferRequest fast = V2Json.streamed(bytes(body), WIDTH, MAX_ROWS);
    if (fast != null) {
      assertSame(tree, fast, body);
    }
  }

  private static void assertSame(V2Json.InferRequest tree, V2Json.InferRequest fast, String b) {
    assertEquals(tree.id, fast.id, b);
    assertEquals(tree.consent, fast.consent, b);
    assertEquals(tree.subjectId, fast.subjectId, b);
    assertEquals(tree.outputs, fast.outputs, b);
    assertEquals(tree.rows.length, fast.rows.length, b);
    for (int r = 0; r < tree.rows.length; r++) {
      // bit for bit: -0.0, float rounding and the last digit all count
      assertArrayEquals(tree.rows[r], fast.rows[r], 0.0, b);
      for (int c = 0; c < WIDTH; c++) {
        assertEquals(Double.doubleToRawLongBits(tree.rows[r][c]),
            Double.doubleToRawLongBits(fast.rows[r][c]), b);
      }
    }
  }

  /** A valid request: fields in a random order, optional extras, random numbers and forms. */
  static String validRequest(SplittableRandom r) {
    int rows = 1 + r.nextInt(MAX_ROWS);
    boolean flatShape = rows == 1 && r.nextBoolean();
    String datatype = List.of("FP64", "FP32", "INT64", "FP16").get(r.nextInt(4));
    List<String> tensor = new ArrayList<>();
    tensor.add("\"shape\":" + (flatShape ? "[" + WIDTH + "]" : "[" + rows + "," + WIDTH + "]"));
    tensor.add("\"datatype\":\"" + datatype + "\"");
    StringBuilder data = new StringBuilder("[");
    for (int i = 0; i < rows * WIDTH; i++) {
      data.append(i == 0 ? "" : ",").append(datatype.equals("INT64") ? whole(r)
          : number(r, datatype));
    }
    tensor.add("\"data\":" + data.append(']'));
    if (r.nextBoolean()) {
      tensor.add("\"name\":" + (r.nextInt(4) == 0 ? "null" : "\"in\\\"put\""));
    }
    if (r.nextInt(4) == 0) {
      tensor.add("\"parameters\":{\"content_type\":\"np\",\"x\":[1,{\"y\":2}]}");
    }
    Collections.shuffle(tensor, new java.util.Random(r.nextLong()));
    List<String> root = new ArrayList<>();
    root.add("\"inputs\":[{" + String.join(",", tensor) + "}]");
    if (r.nextBoolean()) {
      root.add("\"id\":" + (r.nextInt(4) == 0 ? "null" : "\"req-\\u00e9" + r.nextInt(99) + "\""));
    }
    if (r.nextBoolean()) {
      root.add("\"parameters\":" + (r.nextInt(5) == 0 ? "null" : "{\"consent\":\"training\","
          + "\"subject_id\":" + (r.nextBoolean() ? "null" : "\"s1\"") + ",\"other\":{\"a\":[]}}"));
    }
    if (r.nextInt(4) == 0) {
      root.add("\"outputs\":[{\"name\":\"label\"}]");
    }
    Collections.shuffle(root, new java.util.Random(r.nextLong()));
    String ws = r.nextInt(4) == 0 ? " \n" : "";
    return ws + "{" + String.join("," + ws, root) + "}" + ws;
  }

  /**
   * A number of {@link #number(SplittableRandom)} that {@code datatype} holds: FP16 and FP32
   * at most their largest finite value in magnitude.
   */
  private static String number(SplittableRandom r, String datatype) {
    while (true) {
      String n = number(r);
      double v = Math.abs(Double.parseDouble(n));
      if (datatype.equals("FP16") ? v <= 65504
          : !datatype.equals("FP32") || v <= Float.MAX_VALUE) {
        return n;
      }
    }
  }

  /** A whole number in one of JSON's forms, a value of INT64. */
  private static String whole(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return Long.toString(r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
      case 1:
        return "-0.0";
      case 2:
        return r.nextInt(1000) + ".0e3";
      default:
        return Long.toString(r.nextLong());
    }
  }

  private static String number(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0:
        return Long.toString(r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
      case 1:
        return Double.toString(r.nextDouble() * 10 - 5);
      case 2:
        double d = Double.longBitsToDouble(r.nextLong());
        return String.format(Locale.ROOT, "%.17e", Double.isFinite(d) ? d : 1.5);
      case 3:
        return "-0.0";
      case 4:
        return Long.toString(r.nextLong());
      default:
        return String.format(Locale.ROOT, "%.3f", r.nextDouble() * 1e6);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
