package dev.ciclo.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.core.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The serialised form of a {@link PredictionRecord}: one JSON object, the same in the file log's
 * lines and in any other backend's messages. Stateless and thread-safe.
 *
 * <p><b>Format version 2</b> (written by this class):
 *
 * <pre>{@code
 * {"v":2, "id":"r1", "time":"2026-12-06T02:00:00Z", "model":"digits", "version":"3",
 *  "input":{"sha256":"9f86…", "media_type":"audio/wav", "size":16044},   // only under TRAINING
 *  "signals":{"rms":0.031, "duration_ms":812.5, "device":"android"},       // number or string
 *  "prediction":"7", "scores":{"7":0.91, "1":0.09}, "latency_ns":812000,
 *  "consent":"TRAINING", "subject":"user-42"}
 * }</pre>
 *
 * A signal is a JSON number ({@link Signal.Numeric}) or a JSON string ({@link Signal.Category}).
 * Readers ignore fields they do not know. Version 1 (no {@code "v"}; an {@code "input"} object
 * of strings) is still read: each input field becomes a signal, a number where the text is one
 * (the only place text is parsed, for logs written before typed signals).
 */
public final class PredictionRecordJson {
  /** The format version this class writes. */
  public static final int VERSION = 2;

  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  private PredictionRecordJson() {}

  /**
   * Writes a record.
   *
   * @param r the record
   * @return the UTF-8 JSON bytes, no line break
   */
  public static byte[] toJson(PredictionRecord r) {
    Objects.requireNonNull(r, "record");
    return write(r, r.input().orElse(null));
  }

  /**
   * Writes a record with a reference to its logged input: the bytes {@code
   * toJson(r.withInput(Optional.of(input)))} writes, without copying the record (a backend that
   * stores the input as it logs the record, such as the Kafka log, has the reference only then).
   *
   * @param r the record; its own input reference, if any, is replaced
   * @param input the reference to the record's input
   * @return the UTF-8 JSON bytes, no line break
   * @throws IllegalArgumentException if the record's consent does not allow keeping its input
   */
  public static byte[] toJson(PredictionRecord r, PayloadRef input) {
    Objects.requireNonNull(r, "record");
    Objects.requireNonNull(input, "input");
    if (!r.consent().allowsTraining()) {
      throw new IllegalArgumentException("input of request " + r.requestId()
          + " may be kept only under TRAINING consent but consent was " + r.consent());
    }
    return write(r, input);
  }

  /**
   * Writes a record into a new array with room for a backend's framing around it: the JSON starts
   * at offset {@code before} and is followed by {@code after} bytes, all of them zero (a backend
   * that frames each record, such as the Kafka log's envelope or a line with its newline, writes
   * its framing there instead of copying the JSON once more).
   *
   * @param r the record
   * @param input the reference to the record's input, in place of its own; null to write the
   *     record's own reference, if any
   * @param before free bytes ahead of the JSON, at least 0
   * @param after free bytes behind the JSON, at least 0
   * @return an array of {@code before + n + after} bytes, with the record's {@code n} bytes of
   *     UTF-8 JSON at offset {@code before}
   * @throws IllegalArgumentException if {@code before} or {@code after} is negative, or if
   *     {@code input} is given and the record's consent does not allow keeping its input
   */
  static byte[] toJson(PredictionRecord r, PayloadRef input, int before, int after) {
    Objects.requireNonNull(r, "record");
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException("room before and after the JSON must be at least 0 but"
          + " was " + before + " and " + after);
    }
    if (input != null && !r.consent().allowsTraining()) {
      throw new IllegalArgumentException("input of request " + r.requestId()
          + " may be kept only under TRAINING consent but consent was " + r.consent());
    }
    PayloadRef ref = input != null ? input : r.input().orElse(null);
    byte[] fast = RecordJsonWriter.local().toJson(r, ref, before, after);
    if (fast != null) {
      return fast;
    }
    byte[] json = jackson(r, ref);
    byte[] out = new byte[before + json.length + after];
    System.arraycopy(json, 0, out, before, json.length);
    return out;
  }

  private static byte[] write(PredictionRecord r, PayloadRef input) {
    byte[] fast = RecordJsonWriter.local().toJson(r, input, 0, 0);
    return fast != null ? fast : jackson(r, input);
  }

  /**
   * Jackson's generator writes records with a text that is not plain ASCII (escapes, UTF-8), and
   * is the reference the faster {@link RecordJsonWriter} is tested against.
   */
  static byte[] jackson(PredictionRecord r, PayloadRef input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeNumberField("v", VERSION);
      g.writeStringField("id", r.requestId());
      g.writeStringField("time", r.time().toString());
      g.writeStringField("model", r.modelName());
      g.writeStringField("version", r.modelVersion());
      if (input != null) {
        g.writeObjectFieldStart("input");
        g.writeStringField("sha256", input.sha256());
        g.writeStringField("media_type", input.mediaType());
        g.writeNumberField("size", input.size());
        g.writeEndObject();
      }
      g.writeObjectFieldStart("signals");
      for (Map.Entry<String, Signal> e : r.signals().entrySet()) {
        if (e.getValue() instanceof Signal.Numeric n) {
          g.writeNumberField(e.getKey(), n.value());
        } else {
          g.writeStringField(e.getKey(), ((Signal.Category) e.getValue()).value());
        }
      }
      g.writeEndObject();
      g.writeStringField("prediction", r.prediction());
      g.writeObjectFieldStart("scores");
      for (Map.Entry<String, Double> e : r.scores().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("latency_ns", r.latency().toNanos());
      g.writeStringField("consent", r.consent().name());
      g.writeStringField("subject", r.subjectId());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a record.
   *
   * @param json the bytes
   * @param offset where the object starts
   * @param length how many bytes it has
   * @return the record
   * @throws IllegalArgumentException if the bytes are not a record of version 1 or 2
   */
  public static PredictionRecord fromJson(byte[] json, int offset, int length) {
    try {
      JsonNode n = Json.MAPPER.readTree(json, offset, length);
      int v = n.path("v").asInt(1);
      if (v > VERSION) {
        throw new IllegalArgumentException("record format version must be at most " + VERSION
            + " but was " + v);
      }
      Map<String, Signal> signals = new LinkedHashMap<>();
      Optional<PayloadRef> input = Optional.empty();
      if (v == 1) {
        n.path("input").fields().forEachRemaining(e -> signals.put(e.getKey(),
            legacy(e.getValue().asText())));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("signals").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode s = e.getValue();
          if (s.isNumber()) {
            signals.put(e.getKey(), Signal.of(s.doubleValue()));
          } else if (s.isTextual()) {
            signals.put(e.getKey(), Signal.of(s.textValue()));
          } else {
            throw new IllegalArgumentException("signal " + e.getKey()
                + " must be a number or a string but was " + s.getNodeType());
          }
        }
        JsonNode in = n.get("input");
        if (in != null) {
          input = Optional.of(new PayloadRef(in.get("sha256").asText(),
              in.get("media_type").asText(), in.get("size").asLong()));
        }
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      n.path("scores").fields().forEachRemaining(e -> scores.put(e.getKey(),
          e.getValue().doubleValue()));
      return new PredictionRecord(
          n.get("id").asText(),
          Instant.parse(n.get("time").asText()),
          n.get("model").asText(),
          n.get("version").asText(),
          input,
          signals,
          n.get("prediction").asText(),
          scores,
          Duration.ofNanos(n.get("latency_ns").asLong()),
          Consent.valueOf(n.get("consent").asText()),
          n.get("subject").asText());
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("bytes are not a prediction record: " + e, e);
    }
  }

  private static Signal legacy(String text) {
    try {
      double d = Double.parseDouble(text.trim());
      return Double.isFinite(d) ? Signal.of(d) : Signal.of(text);
    } catch (NumberFormatException e) {
      return Signal.of(text);
    }
  }
}
