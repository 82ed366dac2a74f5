package dev.ciclo.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.serve.internal.ServeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Reads Open Inference Protocol v2 requests and writes the server's JSON answers. */
final class V2Json {
  static final ObjectMapper MAPPER = ServeJson.MAPPER;
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  /**
   * {@link #FACTORY} without Jackson's duplicate detection, for the token-by-token reading,
   * which refuses duplicate fields itself ({@link Names}): Jackson's detector builds a hash set
   * per object of every request, a tenth of what the server allocated per request.
   */
  private static final JsonFactory STREAMING = FACTORY.rebuild()
      .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private V2Json() {}

  /** The outputs an infer answer may hold, in the order it writes them. */
  static final List<String> OUTPUTS = List.of("label", "scores", "score_labels");

  /** A parsed {@code infer} request. */
  static final class InferRequest {
    final String id;
    final double[][] rows;
    final String consent;
    final String subjectId;
    /** The outputs the request asked for ({@code "outputs"}); null for all. */
    final Set<String> outputs;

    InferRequest(String id, double[][] rows, String consent, String subjectId) {
      this(id, rows, consent, subjectId, null);
    }

    InferRequest(String id, double[][] rows, String consent, String subjectId,
        Set<String> outputs) {
      this.id = id;
      this.rows = rows;
      this.consent = consent;
      this.subjectId = subjectId;
      this.outputs = outputs;
    }
  }

  /**
   * Checks requested output names (OIP v2's {@code outputs}): each must be one the model has.
   *
   * @return the names, or null when none were asked for (all outputs)
   * @throws ClientError 400 naming an unknown output
   */
  static Set<String> requestedOutputs(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    Set<String> out = new HashSet<>();
    for (String n : names) {
      if (!OUTPUTS.contains(n)) {
        throw ClientError.badRequest("requested output '" + n + "' is not one of the model's"
            + " outputs " + OUTPUTS);
      }
      out.add(n);
    }
    return out;
  }

  /**
   * Reads an infer request: token by token when it is a well-formed request the model takes
   * (the common case, with no tree and no copy of the numbers), else through a JSON tree that
   * says exactly what is wrong. Both give the same answer for every body (a property test holds
   * them to it).
   */
  static InferRequest parseInfer(byte[] body, String model, int width, int maxRows) {
    if (body.length == 0) {
      throw ClientError.badRequest("request body is empty; expected a JSON object with 'inputs'");
    }
    InferRequest fast = streamed(body, width, maxRows);
    return fast != null ? fast : parseTree(body, model, width, maxRows);
  }

  /** The tree reading: slower, and the one that words every error. */
  static InferRequest parseTree(byte[] body, String model, int width, int maxRows) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ClientError.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw ClientError.badRequest("request body must be a JSON object with 'inputs'");
    }
    String id = optionalText(root, "id", "id");
    String consent = null;
    String subject = null;
    JsonNode params = root.get("parameters");
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        throw ClientError.badRequest("'parameters' must be a JSON object");
      }
      consent = optionalText(params, "consent", "parameters.consent");
      subject = optionalText(params, "subject_id", "parameters.subject_id");
    }
    Set<String> outputs = null;
    JsonNode requested = root.get("outputs");
    if (requested != null && !requested.isNull()) {
      if (!requested.isArray()) {
        throw ClientError.badRequest("'outputs' must be an array of {\"name\": ...} objects");
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < requested.size(); i++) {
        JsonNode o = requested.get(i);
        if (!o.isObject()) {
          throw ClientError.badRequest("outputs[" + i + "] must be a JSON object with a 'name'");
        }
        String n = optionalText(o, "name", "outputs[" + i + "].name");
        if (n == null) {
          throw ClientError.badRequest("outputs[" + i + "] has no 'name'");
        }
        names.add(n);
      }
      outputs = requestedOutputs(names);
    }
    JsonNode inputs = root.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw ClientError.badRequest("'inputs' must be an array with one input tensor");
    }
    if (inputs.size() != 1) {
      throw ClientError.badRequest(
          "'inputs' must hold exactly one input tensor for model '" + model + "' but held "
              + inputs.size());
    }
    JsonNode input = inputs.get(0);
    if (!input.isObject()) {
      throw ClientError.badRequest("inputs[0] must be a JSON object");
    }
    String name = optionalText(input, "name", "inputs[0].name");
    String where = "input '" + (name == null ? "inputs[0]" : name) + "'";
    String datatype = optionalText(input, "datatype", "inputs[0].datatype");
    if (datatype == null) {
      throw ClientError.badRequest(where + " has no 'datatype'; expected FP32, FP64 or an"
          + " integer type");
    }
    boolean fp32 = checkDatatype(datatype, where, model);
    long[] shape = shape(input.get("shape"), where);
    long rowsLong;
    if (shape.length == 1) {
      rowsLong = 1;
      if (shape[0] != width) {
        throw ClientError.badRequest(
            where + " has shape [" + shape[0] + "] but model '" + model + "' takes rows of "
                + width + " values: shape [" + width + "] or [n, " + width + "]");
      }
    } else if (shape.length == 2) {
      rowsLong = shape[0];
      if (shape[1] != width) {
        throw ClientError.badRequest(
            where + " has shape [" + shape[0] + ", " + shape[1] + "] but model '" + model
                + "' takes rows of " + width + " values: shape [n, " + width + "]");
      }
    } else {
      throw ClientError.badRequest(
          where + " has " + shape.length + " dimensions but model '" + model
              + "' takes shape [" + width + "] or [n, " + width + "]");
    }
    if (rowsLong < 1) {
      throw ClientError.badRequest(where + " must have at least 1 row but had " + rowsLong);
    }
    JsonNode data = input.get("data");
    if (data == null || !data.isArray()) {
      throw ClientError.badRequest(where + " must have 'data', an array of numbers");
    }
    long n = count(data);
    long needed;
    try {
      needed = Math.multiplyExact(rowsLong, (long) width);
    } catch (ArithmeticException e) {
      throw ClientError.badRequest(where + " has shape " + shapeText(shape)
          + ", whose size overflows a 64-bit count; it has " + n + " values");
    }
    if (n != needed) {
      throw ClientError.badRequest(
          where + " has " + n + " values but its shape " + shapeText(shape) + " needs "
              + needed);
    }
    if (rowsLong > maxRows) {
      throw new ClientError(413, where + " has " + rowsLong + " rows but the limit is "
          + maxRows + " rows per request; split it into several requests");
    }
    int rows = (int) rowsLong;
    double[] flat = new double[rows * width];
    flatten(data, flat, 0, where, fp32, datatype);
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      double[] row = new double[width];
      System.arraycopy(flat, r * width, row, 0, width);
      out[r] = row;
    }
    return new InferRequest(id, out, consent, subject, outputs);
  }

  /**
   * The token-by-token reading of a well-formed request, or {@code null} for anything it does
   * not accept as it stands (any error, a nested {@code data} array, a number too large for a
   * long): {@link #parseTree} then answers, with the error's wording.
   */
  static InferRequest streamed(byte[] body, int width, int maxRows) {
    try (JsonParser p = STREAMING.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String id = null;
      String consent = null;
      String subject = null;
      Set<String> outputs = null;
      Tensor tensor = null;
      Names names = new Names();
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        switch (field) {
          case "id" -> {
            if (!names.first(0)) {
              return null;
            }
            if (t == JsonToken.VALUE_STRING) {
              id = p.getText();
            } else if (t != JsonToken.VALUE_NULL) {
              return null;
            }
          }
          case "parameters" -> {
            if (!names.first(1)) {
              return null;
            }
            if (t == JsonToken.VALUE_NULL) {
              continue;
            }
            if (t != JsonToken.START_OBJECT) {
              return null;
            }
            Names inner = new Names();
            String f;
            while ((f = p.nextFieldName()) != null) {
              JsonToken v = p.nextToken();
              boolean isConsent = f.equals("consent");
              if (!isConsent && !f.equals("subject_id")) {
                if (!inner.first(f) || !skipChecked(p, v)) {
                  return null;
                }
                continue;
              }
              if (!inner.first(isConsent ? 0 : 1)) {
                return null;
              }
              String text;
              if (v == JsonToken.VALUE_STRING) {
                text = p.getText();
              } else if (v == JsonToken.VALUE_NULL) {
                text = null;
              } else {
                return null;
              }
              if (isConsent) {
                consent = text;
              } else {
                subject = text;
              }
            }
          }
          case "inputs" -> {
            if (!names.first(2) || t != JsonToken.START_ARRAY
                || p.nextToken() != JsonToken.START_OBJECT) {
              return null;
            }
            tensor = tensor(p, width, maxRows, body.length);
            if (tensor == null || p.nextToken() != JsonToken.END_ARRAY) {
              return null;
            }
          }
          case "outputs" -> {
            if (!names.first(3)) {
              return null;
            }
            if (t == JsonToken.VALUE_NULL) {
              continue;
            }
            if (t != JsonToken.START_ARRAY) {
              return null;
            }
            List<String> asked = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
              Names inner = new Names();
              String name = null;
              String f;
              while ((f = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (!f.equals("name")) {
                  if (!inner.first(f) || !skipChecked(p, v)) {
                    return null;
                  }
                } else if (v == JsonToken.VALUE_STRING && name == null) {
                  name = p.getText();
                } else {
                  return null;
                }
              }
              if (name == null || !OUTPUTS.contains(name)) {
                return null; // the tree reading words the error
              }
              asked.add(name);
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
              return null;
            }
            outputs = requestedOutputs(asked);
          }
          default -> {
            if (!names.first(field) || !skipChecked(p, t)) {
              return null;
            }
          }
        }
      }
      if (p.nextToken() != null || tensor == null) {
        return null;
      }
      return tensor.request(width, maxRows, id, consent, subject, outputs);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The field names of one JSON object read so far, so that the token-by-token reading declines
   * a duplicate as the tree reading refuses it: the known fields as bits, others in a list made
   * only when there are any. Not thread-safe; one per object read.
   */
  private static final class Names {
    private int known;
    private List<String> others;

    /** Whether known field number {@code i} (under 32) is seen for the first time. */
    boolean first(int i) {
      int bit = 1 << i;
      boolean first = (known & bit) == 0;
      known |= bit;
      return first;
    }

    /** Whether a field not known to the reading is seen for the first time. */
    boolean first(String name) {
      if (others == null) {
        others = new ArrayList<>(4);
      } else if (others.contains(name)) {
        return false;
      }
      others.add(name);
      return true;
    }
  }

  /**
   * Skips the value whose first token is {@code t}, checking every object in it for a duplicate
   * field: false if there is one (Jackson's own check is off for this reading).
   */
  private static boolean skipChecked(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        if (e == null || !skipChecked(p, e)) {
          return false;
        }
      }
    } else if (t == JsonToken.START_OBJECT) {
      Names names = new Names();
      String f;
      while ((f = p.nextFieldName()) != null) {
        if (!names.first(f) || !skipChecked(p, p.nextToken())) {
          return false;
        }
      }
    }
    return true;
  }

  /** One input tensor as read by {@link #streamed}. */
  private static final class Tensor {
    String datatype;
    long[] shape;
    /** The values row by row, when the shape came before the data and fits the model. */
    double[][] rows;
    /** The values in order, when the data came first. */
    double[] flat;
    int count;

    /**
     * Rows for values read after a shape that fits the model, else null; null too when the body
     * is too short to hold that many values (each takes at least two bytes), so that a small
     * body declaring a large shape allocates nothing for it.
     */
    double[][] rowsFor(int width, int maxRows, int bodyBytes) {
      long n = shape.length == 1 && shape[0] == width ? 1
          : shape.length == 2 && shape[1] == width ? shape[0] : 0;
      return n < 1 || n > maxRows || n * width > bodyBytes / 2 ? null
          : new double[(int) n][width];
    }

    InferRequest request(int width, int maxRows, String id, String consent, String subject,
        Set<String> outputs) {
      if (datatype == null || shape == null || (rows == null && flat == null)) {
        return null;
      }
      boolean fp32;
      switch (datatype) {
        case "FP32" -> fp32 = true;
        case "FP64", "FP16", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32",
            "UINT64" -> fp32 = false;
        default -> {
          return null;
        }
      }
      long n;
      if (shape.length == 1 && shape[0] == width) {
        n = 1;
      } else if (shape.length == 2 && shape[1] == width) {
        n = shape[0];
      } else {
        return null;
      }
      if (n < 1 || n > maxRows || n * width != count) {
        return null;
      }
      double[][] out = rows;
      if (out == null) {
        out = new double[(int) n][];
        for (int r = 0; r < out.length; r++) {
          out[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
      }
      for (double[] row : out) {
        for (int c = 0; c < width; c++) {
          if (outOfRange(datatype, row[c]) != null) {
            return null; // the tree reading words the error
          }
          if (fp32) {
            row[c] = (float) row[c];
          }
        }
      }
      return new InferRequest(id, out, consent, subject, outputs);
    }
  }

  /**
   * Reads {@code inputs[0]}, the parser on its START_OBJECT; {@code null} if not plain. Values
   * that follow a shape the model takes go straight into their rows.
   */
  private static Tensor tensor(JsonParser p, int width, int maxRows, int bodyBytes)
      throws IOException {
    Tensor t = new Tensor();
    Names names = new Names();
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (field) {
        case "name" -> {
          if (!names.first(0) || v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
            return null;
          }
        }
        case "datatype" -> {
          if (!names.first(1) || v != JsonToken.VALUE_STRING) {
            return null;
          }
          t.datatype = p.getText();
        }
        case "shape" -> {
          if (!names.first(2) || v != JsonToken.START_ARRAY) {
            return null;
          }
          long[] s = new long[2];
          int n = 0;
          JsonToken d;
          while ((d = p.nextToken()) != JsonToken.END_ARRAY) {
            if (d != JsonToken.VALUE_NUMBER_INT || n == 2
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              return null;
            }
            long size = p.getLongValue();
            if (size < 0) {
              return null;
            }
            s[n++] = size;
          }
          if (n == 0) {
            return null;
          }
          t.shape = n == 2 ? s : new long[] {s[0]};
        }
        case "data" -> {
          if (!names.first(3) || v != JsonToken.START_ARRAY) {
            return null;
          }
          double[][] rows = t.shape == null ? null : t.rowsFor(width, maxRows, bodyBytes);
          if (t.shape != null && rows == null) {
            return null; // a shape the model does not take: the tree words it
          }
          double[] flat = rows == null ? new double[16] : null;
          int n = 0;
          JsonToken d;
          while ((d = p.nextToken()) != JsonToken.END_ARRAY) {
            double x;
            if (d == JsonToken.VALUE_NUMBER_FLOAT) {
              x = p.getDoubleValue();
            } else if (d == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
              x = p.getLongValue();
            } else {
              return null;
            }
            if (!Double.isFinite(x)) {
              return null;
            }
            if (rows != null) {
              if (n == rows.length * width) {
                return null; // more values than the shape holds
              }
              rows[n / width][n % width] = x;
            } else {
              if (n == flat.length) {
                flat = Arrays.copyOf(flat, n * 2);
              }
              flat[n] = x;
            }
            n++;
          }
          t.rows = rows;
          t.flat = flat;
          t.count = n;
        }
        default -> {
          if (!names.first(field) || !skipChecked(p, v)) {
            return null;
          }
        }
      }
    }
    return t;
  }

  /**
   * Null if {@code v} is a value of the datatype (always for FP64), else what the datatype
   * holds: whole numbers in range for the integer ones, magnitudes up to the largest finite
   * value for FP16 and FP32. Read as doubles: the 64-bit bounds are the doubles nearest to them,
   * so 2^63 - 1 and 2^64 - 1, written out, pass, and so do 2^63 and 2^64, the same doubles.
   */
  static String outOfRange(String datatype, double v) {
    double lo;
    double hi;
    switch (datatype) {
      // a value that rounds to the largest finite one is that one (3.4028235e38, as Java
      // prints Float.MAX_VALUE, is a little more than it; below 65520 rounds to 65504)
      case "FP16" -> {
        return Math.abs(v) < 65520 ? null : "FP16 holds numbers from -65504 to 65504";
      }
      case "FP32" -> {
        return Float.isFinite((float) v) ? null
            : "FP32 holds numbers from -" + Float.MAX_VALUE + " to " + Float.MAX_VALUE;
      }
      case "INT8" -> {
        lo = -128;
        hi = 127;
      }
      case "UINT8" -> {
        lo = 0;
        hi = 255;
      }
      case "INT16" -> {
        lo = -32768;
        hi = 32767;
      }
      case "UINT16" -> {
        lo = 0;
        hi = 65535;
      }
      case "INT32" -> {
        lo = Integer.MIN_VALUE;
        hi = Integer.MAX_VALUE;
      }
      case "UINT32" -> {
        lo = 0;
        hi = 4294967295.0;
      }
      case "INT64" -> {
        lo = -0x1p63;
        hi = 0x1p63;
      }
      case "UINT64" -> {
        lo = 0;
        hi = 0x1p64;
      }
      default -> {
        return null;
      }
    }
    if (v >= lo && v <= hi && v == Math.rint(v)) {
      return null;
    }
    return datatype + " holds whole numbers from " + (long) lo + " to "
        + (datatype.equals("INT64") ? "9223372036854775807"
            : datatype.equals("UINT64") ? "18446744073709551615" : Long.toString((long) hi));
  }

  private static boolean checkDatatype(String datatype, String where, String model) {
    switch (datatype) {
      case "FP32":
        return true;
      case "FP64":
      case "FP16":
      case "INT8":
      case "INT16":
      case "INT32":
      case "INT64":
      case "UINT8":
      case "UINT16":
      case "UINT32":
      case "UINT64":
        return false;
      default:
        throw ClientError.badRequest(
            where + " has datatype '" + datatype + "' but model '" + model
                + "' takes numbers: FP32, FP64 or an integer type");
    }
  }

  /** The number of leaves of a (possibly nested) data array; counted before allocating. */
  private static long count(JsonNode data) {
    long n = 0;
    for (JsonNode v : data) {
      n += v.isArray() ? count(v) : 1;
    }
    return n;
  }

  private static int flatten(JsonNode data, double[] out, int at, String where, boolean fp32,
      String datatype) {
    int i = at;
    for (JsonNode v : data) {
      if (v.isArray()) {
        i = flatten(v, out, i, where, fp32, datatype);
        continue;
      }
      if (!v.isNumber()) {
        throw ClientError.badRequest(
            where + " data element " + i + " is " + v + " but must be a number");
      }
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw ClientError.badRequest(
            where + " data element " + i + " is " + d + " but must be a finite number");
      }
      String range = outOfRange(datatype, d);
      if (range != null) {
        throw ClientError.badRequest(where + " data element " + i + " is " + v + " but " + range);
      }
      out[i++] = fp32 ? (float) d : d;
    }
    return i;
  }

  private static long[] shape(JsonNode node, String where) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw ClientError.badRequest(where + " must have 'shape', a non-empty array of sizes");
    }
    long[] s = new long[node.size()];
    for (int i = 0; i < s.length; i++) {
      JsonNode d = node.get(i);
      // canConvertToLong: a size past 2^63 - 1 would otherwise be truncated by asLong().
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
        throw ClientError.badRequest(
            where + " shape element " + i + " is " + d + " but must be a whole number >= 0");
      }
      s[i] = d.asLong();
    }
    return s;
  }

  private static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return sb.append(']').toString();
  }

  private static String optionalText(JsonNode parent, String field, String what) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ClientError.badRequest("'" + what + "' must be a string but was " + n);
    }
    return n.asText();
  }

  /**
   * The infer answer, written by hand (see {@link JsonBytes}): the bytes Jackson's generator
   * wrote before, which a property test holds it to, at a fraction of the cost.
   */
  static ByteBuffer inferResponse(
      String model, String version, String id, List<? extends Prediction<?>> predictions,
      AtomicReference<List<String>> labelCache) {
    return inferResponse(model, version, id, predictions, labelCache, null);
  }

  /**
   * The infer answer with only the {@code outputs} asked for (null for all), in the order of
   * {@link #OUTPUTS}; scores and their labels only when every prediction has the same labels.
   */
  static ByteBuffer inferResponse(
      String model, String version, String id, List<? extends Prediction<?>> predictions,
      AtomicReference<List<String>> labelCache, Set<String> outputs) {
    int n = predictions.size();
    List<String> labels = commonLabels(predictions, labelCache);
    int k = labels == null ? 0 : labels.size();
    JsonBytes b = new JsonBytes(256 + n * (24 + 26 * k) + 16 * k);
    b.raw("{\"model_name\":").string(model).raw(",\"model_version\":").string(version)
        .raw(",\"id\":").string(id).raw(",\"outputs\":[");
    boolean any = false;
    if (outputs == null || outputs.contains("label")) {
      b.raw("{\"name\":\"label\",\"shape\":[").number(n)
          .raw("],\"datatype\":\"BYTES\",\"data\":[");
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.raw(',');
        }
        b.string(predictions.get(i).value().toString());
      }
      b.raw("]}");
      any = true;
    }
    if (labels != null && (outputs == null || outputs.contains("scores"))) {
      b.raw(any ? ",{" : "{").raw("\"name\":\"scores\",\"shape\":[").number(n).raw(',')
          .number(k).raw("],\"datatype\":\"FP64\",\"data\":[");
      boolean first = true;
      for (Prediction<?> p : predictions) {
        Map<String, Double> scores = p.scores();
        for (String l : labels) {
          if (!first) {
            b.raw(',');
          }
          first = false;
          b.number(scores.get(l).doubleValue());
        }
      }
      b.raw("]}");
      any = true;
    }
    if (labels != null && (outputs == null || outputs.contains("score_labels"))) {
      b.raw(any ? ",{" : "{").raw("\"name\":\"score_labels\",\"shape\":[").number(k)
          .raw("],\"datatype\":\"BYTES\",\"data\":[");
      for (int i = 0; i < k; i++) {
        if (i > 0) {
          b.raw(',');
        }
        b.string(labels.get(i));
      }
      b.raw("]}");
    }
    return b.raw("]}").toByteBuffer();
  }

  /** The labels every prediction scores, sorted; null when there are none or they differ. */
  static List<String> commonLabels(List<? extends Prediction<?>> predictions,
      AtomicReference<List<String>> labelCache) {
    Map<String, Double> first = predictions.get(0).scores();
    if (first.isEmpty()) {
      return null;
    }
    for (int i = 1; i < predictions.size(); i++) {
      if (!predictions.get(i).scores().keySet().equals(first.keySet())) {
        return null;
      }
    }
    List<String> cached = labelCache.get();
    if (cached.size() == first.size() && first.keySet().containsAll(cached)) {
      return cached;
    }
    List<String> labels = new ArrayList<>(first.keySet());
    labels.sort(null);
    List<String> sorted = List.copyOf(labels);
    labelCache.set(sorted);
    return sorted;
  }

  static byte[] plainResponse(String model, String version, String id, Prediction<?> p) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("model_name", model);
      g.writeStringField("model_version", version);
      g.writeStringField("id", id);
      g.writeStringField("prediction", p.value().toString());
      g.writeObjectFieldStart("scores");
      List<String> labels = new ArrayList<>(p.scores().keySet());
      labels.sort(null);
      for (String l : labels) {
        g.writeNumberField(l, p.scores().get(l));
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] object(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsBytes(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + fields, e);
    }
  }

  static byte[] error(String message) {
    return object(Map.of("error", message));
  }
}
