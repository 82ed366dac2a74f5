package dev.ciclo.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** One record per line: JSON, a tab, the CRC-32 of the JSON bytes in hex, a newline. */
final class RecordCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private RecordCodec() {}

  static byte[] encode(PredictionRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("id", r.requestId());
      g.writeStringField("time", r.time().toString());
      g.writeStringField("model", r.modelName());
      g.writeStringField("version", r.modelVersion());
      g.writeObjectFieldStart("input");
      for (Map.Entry<String, String> e : r.input().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
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
    byte[] json = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(json);
    byte[] tail = String.format("\t%08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[json.length + tail.length];
    System.arraycopy(json, 0, line, 0, json.length);
    System.arraycopy(tail, 0, line, json.length, tail.length);
    return line;
  }

  /**
   * Decodes one line (without its newline).
   *
   * @return the record, or null if the line is not a complete, intact record
   */
  static PredictionRecord decode(byte[] buf, int from, int to) {
    int tab = -1;
    for (int i = to - 1; i >= from; i--) {
      if (buf[i] == '\t') {
        tab = i;
        break;
      }
    }
    if (tab < 0 || to - tab - 1 != 8) {
      return null;
    }
    long expected;
    try {
      expected = Long.parseLong(new String(buf, tab + 1, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(buf, from, tab - from);
    if (crc.getValue() != expected) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(buf, from, tab - from);
      Map<String, String> input = new LinkedHashMap<>();
      n.path("input").fields().forEachRemaining(e -> input.put(e.getKey(), e.getValue().asText()));
      Map<String, Double> scores = new LinkedHashMap<>();
      n.path("scores").fields().forEachRemaining(e -> scores.put(e.getKey(),
          e.getValue().doubleValue()));
      return new PredictionRecord(
          n.get("id").asText(),
          Instant.parse(n.get("time").asText()),
          n.get("model").asText(),
          n.get("version").asText(),
          input,
          n.get("prediction").asText(),
          scores,
          Duration.ofNanos(n.get("latency_ns").asLong()),
          Consent.valueOf(n.get("consent").asText()),
          n.get("subject").asText());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
