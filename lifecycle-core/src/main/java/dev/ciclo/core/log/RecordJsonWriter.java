package dev.ciclo.core.log;

import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.BiConsumer;

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

  private static final byte[] OPEN = ascii("{\"v\":" + PredictionRecordJson.VERSION);
  private static final byte[] ID = ascii(",\"id\":");
  private static final byte[] TIME = ascii(",\"time\":\"");
  private static final byte[] MODEL = ascii(",\"model\":");
  private static final byte[] VERSION = ascii(",\"version\":");
  private static final byte[] INPUT = ascii(",\"input\":{\"sha256\":");
  private static final byte[] MEDIA_TYPE = ascii(",\"media_type\":");
  private static final byte[] SIZE = ascii(",\"size\":");
  private static final byte[] SIGNALS = ascii(",\"signals\":{");
  private static final byte[] PREDICTION = ascii("},\"prediction\":");
  private static final byte[] SCORES = ascii(",\"scores\":{");
  private static final byte[] LATENCY = ascii("},\"latency_ns\":");
  private static final byte[] CONSENT = ascii(",\"consent\":");
  private static final byte[] SUBJECT = ascii(",\"subject\":");

  private byte[] buf = new byte[1024];
  private int len;
  /** Whether the entries written so far by {@link #signal} or {@link #score} were all ASCII. */
  private boolean ok;
  /** Whether the next map entry is its map's first (no comma before it). */
  private boolean first;
  // made once: a lambda per record would be an allocation per record
  private final BiConsumer<String, Signal> signal = this::signal;
  private final BiConsumer<String, Double> score = this::score;

  static RecordJsonWriter local() {
    return LOCAL.get();
  }

  /**
   * Writes the record with {@code input} in place of its own into a new array, at offset {@code
   * before} and with {@code after} zero bytes behind it; or returns null if a text of the record
   * is not plain ASCII (the caller then writes it with Jackson).
   */
  byte[] toJson(PredictionRecord r, PayloadRef input, int before, int after) {
    if (buf.length < before) {
      buf = new byte[before + 1024];
    }
    len = before;
    boolean written = write(r, input);
    byte[] out = null;
    if (written) {
      out = new byte[len + after];
      System.arraycopy(buf, before, out, before, len - before);
    }
    if (buf.length > KEEP) {
      buf = new byte[1024];
    }
    return out;
  }

  private boolean write(PredictionRecord r, PayloadRef input) {
    raw(OPEN);
    if (!field(ID, r.requestId())) {
      return false;
    }
    raw(TIME);
    time(r.time());
    room(1);
    buf[len++] = '"';
    if (!field(MODEL, r.modelName()) || !field(VERSION, r.modelVersion())) {
      return false;
    }
    if (input != null) {
      if (!field(INPUT, input.sha256()) || !field(MEDIA_TYPE, input.mediaType())) {
        return false;
      }
      raw(SIZE);
      number(input.size());
      room(1);
      buf[len++] = '}';
    }
    raw(SIGNALS);
    ok = true;
    first = true;
    r.signals().forEach(signal);
    if (!ok || !field(PREDICTION, r.prediction())) {
      return false;
    }
    raw(SCORES);
    first = true;
    r.scores().forEach(score);
    if (!ok) {
      return false;
    }
    raw(LATENCY);
    number(r.latency().toNanos());
    if (!field(CONSENT, r.consent().name()) || !field(SUBJECT, r.subjectId())) {
      return false;
    }
    room(1);
    buf[len++] = '}';
    return true;
  }

  private void signal(String name, Signal value) {
    if (!entry(name)) {
      return;
    }
    if (value instanceof Signal.Numeric n) {
      raw(Double.toString(n.value()));
    } else if (!text(((Signal.Category) value).value())) {
      ok = false;
    }
  }

  private void score(String label, Double value) {
    if (entry(label)) {
      raw(Double.toString(value));
    }
  }

  /** Writes a map entry's comma, if not the first, its key and colon; false if not ASCII. */
  private boolean entry(String key) {
    if (!ok) {
      return false;
    }
    room(1);
    if (!first) {
      buf[len++] = ',';
    }
    first = false;
    if (!text(key)) {
      ok = false;
      return false;
    }
    room(1);
    buf[len++] = ':';
    return true;
  }

  private boolean field(byte[] prefix, String value) {
    raw(prefix);
    return text(value);
  }

  private void room(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Appends bytes that need no escaping (the writer's own names). */
  private void raw(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** Appends ASCII that needs no escaping (digits). */
  private void raw(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      buf[len + i] = (byte) s.charAt(i);
    }
    len += n;
  }

  /** Appends a long in decimal, as {@code Long.toString} writes it, without making a string. */
  private void number(long v) {
    if (v < 0) {
      raw(Long.toString(v)); // never for sizes and latencies; Long.MIN_VALUE has no positive
      return;
    }
    int n = 1;
    for (long t = v / 10; t != 0; t /= 10) {
      n++;
    }
    room(n);
    for (int i = len + n - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
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
