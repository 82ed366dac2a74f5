package dev.ciclo.core.log;

import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a record's JSON (format version 2) straight into a reusable byte buffer, with the bytes
 * Jackson's generator writes for it in {@link PredictionRecordJson}. Jackson's generator cost
 * more per record than the log's bytes took to send (a generator, its context and buffers per
 * record, then a copy out of a {@code ByteArrayOutputStream}, and {@code Instant.toString}
 * through a {@code DateTimeFormatter}).
 *
 * <p>Only texts of printable ASCII without {@code "} or {@code \} are written here (request ids,
 * model names, signal names, categories and labels as servers make them): {@link #write}
 * returns false for a record with any other character, and the caller writes that record with
 * Jackson, so escaping and UTF-8 stay Jackson's alone. Numbers are written as Jackson writes them
 * ({@link Double#toString(double)} for a double, decimal digits for a long; every double of a
 * record is finite). One instance per thread ({@link #local()}); not thread-safe.
 */
final class RecordJsonWriter {
  /** Buffers that grew past this are not kept for the next record. */
  private static final int KEEP = 64 << 10;
  /** 10000-01-01T00:00:00Z: later (and pre-1970) times are written by {@code Instant.toString}. */
  private static final long YEAR_10000 = 253_402_300_800L;
  private static final ThreadLocal<RecordJsonWriter> LOCAL =
      ThreadLocal.withInitial(RecordJsonWriter::new);

  private byte[] buf = new byte[1024];
  private int len;

  static RecordJsonWriter local() {
    return LOCAL.get();
  }

  /**
   * Writes the record with {@code input} in place of its own, and returns its bytes; or null if
   * a text of the record is not plain ASCII (the caller then writes it with Jackson).
   */
  byte[] toJson(PredictionRecord r, PayloadRef input) {
    len = 0;
    boolean ok = write(r, input);
    byte[] out = ok ? Arrays.copyOf(buf, len) : null;
    if (buf.length > KEEP) {
      buf = new byte[1024];
    }
    return out;
  }

  private boolean write(PredictionRecord r, PayloadRef input) {
    raw("{\"v\":");
    raw(Integer.toString(PredictionRecordJson.VERSION));
    if (!field(",\"id\":", r.requestId())) {
      return false;
    }
    raw(",\"time\":\"");
    time(r.time());
    raw("\"");
    if (!field(",\"model\":", r.modelName()) || !field(",\"version\":", r.modelVersion())) {
      return false;
    }
    if (input != null) {
      if (!field(",\"input\":{\"sha256\":", input.sha256())
          || !field(",\"media_type\":", input.mediaType())) {
        return false;
      }
      raw(",\"size\":");
      raw(Long.toString(input.size()));
      raw("}");
    }
    raw(",\"signals\":{");
    boolean first = true;
    for (Map.Entry<String, Signal> e : r.signals().entrySet()) {
      if (!first) {
        raw(",");
      }
      first = false;
      if (!text(e.getKey())) {
        return false;
      }
      raw(":");
      if (e.getValue() instanceof Signal.Numeric n) {
        raw(Double.toString(n.value()));
      } else if (!text(((Signal.Category) e.getValue()).value())) {
        return false;
      }
    }
    raw("}");
    if (!field(",\"prediction\":", r.prediction())) {
      return false;
    }
    raw(",\"scores\":{");
    first = true;
    for (Map.Entry<String, Double> e : r.scores().entrySet()) {
      if (!first) {
        raw(",");
      }
      first = false;
      if (!text(e.getKey())) {
        return false;
      }
      raw(":");
      raw(Double.toString(e.getValue()));
    }
    raw("},\"latency_ns\":");
    raw(Long.toString(r.latency().toNanos()));
    raw(",\"consent\":\"");
    raw(r.consent().name());
    raw("\"");
    if (!field(",\"subject\":", r.subjectId())) {
      return false;
    }
    raw("}");
    return true;
  }

  private boolean field(String prefix, String value) {
    raw(prefix);
    return text(value);
  }

  private void room(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** Appends ASCII that needs no escaping (the writer's own names, digits). */
  private void raw(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      buf[len + i] = (byte) s.charAt(i);
    }
    len += n;
  }

  /** Appends a quoted text; false if it has a character that is not plain ASCII. */
  private boolean text(String s) {
    int n = s.length();
    room(n + 2);
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
      b[at++] = (byte) c;
    }
    b[at++] = '"';
    len = at;
    return true;
  }

  /** {@code Instant.toString()}'s ISO-8601 text, without a formatter for the years 1970-9999. */
  private void time(Instant t) {
    long s = t.getEpochSecond();
    if (s < 0 || s >= YEAR_10000) {
      raw(t.toString());
      return;
    }
    LocalDate d = LocalDate.ofEpochDay(s / 86_400);
    int sod = (int) (s % 86_400);
    room(30);
    digits(d.getYear(), 4);
    buf[len++] = '-';
    digits(d.getMonthValue(), 2);
    buf[len++] = '-';
    digits(d.getDayOfMonth(), 2);
    buf[len++] = 'T';
    digits(sod / 3600, 2);
    buf[len++] = ':';
    digits(sod / 60 % 60, 2);
    buf[len++] = ':';
    digits(sod % 60, 2);
    int nano = t.getNano();
    if (nano > 0) {
      buf[len++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        digits(nano / 1000, 6);
      } else {
        digits(nano, 9);
      }
    }
    buf[len++] = 'Z';
  }

  /** Appends a non-negative value as exactly {@code width} decimal digits (room is made). */
  private void digits(int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    len += width;
  }
}
