package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

@DisplayName("PredictionRecordJson's writer")
class PredictionRecordJsonTest {
  /**
   * Mostly plain ASCII (the fast writer's texts), sometimes any other valid Unicode: controls,
   * quotes, the BMP, supplementary code points (Jackson's).
   */
  private static final Gen<String> TEXT = integers().between(0, 5).flatMap(k -> switch (k) {
    case 0 -> codePoints(0, 0x7f, 6);
    case 1 -> codePoints(0, 0xffff, 6);
    case 2 -> codePoints(0, 0x10ffff, 4);
    default -> strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 12);
  });

  /** Strings of up to n code points in [from, to], no surrogate on its own. */
  private static Gen<String> codePoints(int from, int to, int n) {
    return integers().between(0, n).flatMap(len -> in -> {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < len; i++) {
        int c = integers().between(from, to).generate(in);
        b.appendCodePoint(Character.isSurrogate((char) c) && c <= 0xffff ? 'x' : c);
      }
      return b.toString();
    });
  }

  private static final Gen<Double> FINITE = integers().between(0, 5).flatMap(k -> switch (k) {
    case 0 -> integers().between(-3, 3).map(i -> (double) i);
    case 1 -> doubles().between(-1e-6, 1e-6);
    case 2 -> doubles().between(-1e300, 1e300);
    case 3 -> integers().between(0, 4).map(i -> new double[] {-0.0, Double.MIN_VALUE,
        Double.MAX_VALUE, 1e7, 1e-3}[i]);
    default -> doubles().between(0, 1);
  });
  /** Times in the fast range (1970-9999) and outside it, whole, milli, micro and nano. */
  private static final Gen<Instant> TIME = integers().between(0, 3).flatMap(k -> {
    Gen<Long> secs = k == 0 ? longs().between(-400_000_000_000L, 400_000_000_000L)
        : longs().between(0, 253_402_300_800L + 1);
    Gen<Integer> nanos = integers().between(0, 3).flatMap(g -> switch (g) {
      case 0 -> integers().between(0, 0);
      case 1 -> integers().between(0, 999).map(i -> i * 1_000_000);
      case 2 -> integers().between(0, 999_999).map(i -> i * 1000);
      default -> integers().between(0, 999_999_999);
    });
    return secs.zip(nanos, Instant::ofEpochSecond);
  });

  private static <T> Gen<Map<String, T>> mapOf(Gen<T> values) {
    return integers().between(0, 4).flatMap(n -> in -> {
      Map<String, T> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        m.put(TEXT.generate(in), values.generate(in));
      }
      return m;
    });
  }

  private static final Gen<Signal> SIGNAL = booleans().all().flatMap(num -> num
      ? FINITE.map(Signal::of) : TEXT.map(Signal::of));

  private static final Gen<PredictionRecord> RECORD = in -> {
    Consent consent = Consent.values()[integers().between(0, Consent.values().length - 1)
        .generate(in)];
    Optional<PayloadRef> input = consent.allowsTraining() && booleans().all().generate(in)
        ? Optional.of(new PayloadRef(sha(longs().all().generate(in)),
            booleans().all().generate(in) ? "audio/wav" : "text/plain;charset=utf-8",
            longs().between(0, Long.MAX_VALUE).generate(in)))
        : Optional.empty();
    return new PredictionRecord("r" + TEXT.generate(in), TIME.generate(in),
        "m" + TEXT.generate(in), "v" + TEXT.generate(in), input, mapOf(SIGNAL).generate(in),
        TEXT.generate(in), mapOf(FINITE).generate(in),
        Duration.ofNanos(longs().between(0, Long.MAX_VALUE).generate(in)), consent,
        TEXT.generate(in));
  };

  private static String sha(long seed) {
    StringBuilder s = new StringBuilder();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 0; i < 64; i++) {
      s.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return s.toString();
  }

  @Test
  @DisplayName("writes the bytes Jackson's generator writes, for any record")
  void sameBytesAsJackson() {
    qt().withExamples(1000).forAll(RECORD).checkAssert(r -> assertArrayEquals(
        PredictionRecordJson.jackson(r, r.input().orElse(null)), PredictionRecordJson.toJson(r),
        () -> new String(PredictionRecordJson.jackson(r, r.input().orElse(null)),
            StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("writes a time as Instant.toString does, in and outside the years 1970-9999")
  void times() {
    List<Instant> edges = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(-1),
        Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
        Instant.ofEpochSecond(253_402_300_800L), Instant.MIN, Instant.MAX,
        Instant.parse("2000-02-29T23:59:59.5Z"), Instant.parse("2026-12-06T02:00:00.000001Z")));
    qt().withExamples(3000).forAll(TIME).checkAssert(edges::add);
    for (Instant t : edges) {
      PredictionRecord r = PredictionRecord.of("r", t, "m", "1", Map.of(), "p", Map.of(),
          Duration.ZERO, Consent.MONITORING, "");
      String json = new String(PredictionRecordJson.toJson(r), StandardCharsets.US_ASCII);
      assertTrue(json.contains(",\"time\":\"" + t + "\","), json);
    }
  }

  @Test
  @DisplayName("Jackson databind reads every field back as the record has it, and so does"
      + " fromJson")
  @SuppressWarnings("unchecked")
  void databindOracle() {
    ObjectMapper databind = new ObjectMapper(); // not core's configuration: an outside reader
    qt().withExamples(500).forAll(RECORD).checkAssert(r -> {
      byte[] json = PredictionRecordJson.toJson(r);
      try {
        readsBack(databind, r, json);
      } catch (AssertionError e) {
        throw new AssertionError(printable(new String(json, StandardCharsets.UTF_8)), e);
      }
    });
  }

  /** The text with every character outside printable ASCII as a Java escape. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static void readsBack(ObjectMapper databind, PredictionRecord r, byte[] json) {
    {
      Map<String, Object> m;
      try {
        m = databind.readValue(json, LinkedHashMap.class);
      } catch (java.io.IOException e) {
        throw new AssertionError(new String(json, StandardCharsets.UTF_8), e);
      }
      assertEquals(2, m.get("v"));
      assertEquals(r.requestId(), m.get("id"));
      assertEquals(r.time(), Instant.parse((String) m.get("time")));
      assertEquals(r.modelName(), m.get("model"));
      assertEquals(r.modelVersion(), m.get("version"));
      if (r.input().isPresent()) {
        Map<String, Object> in = (Map<String, Object>) m.get("input");
        assertEquals(r.input().get().sha256(), in.get("sha256"));
        assertEquals(r.input().get().mediaType(), in.get("media_type"));
        assertEquals(r.input().get().size(), ((Number) in.get("size")).longValue());
      } else {
        assertFalse(m.containsKey("input"));
      }
      Map<String, Object> signals = (Map<String, Object>) m.get("signals");
      assertEquals(new ArrayList<>(r.signals().keySet()), new ArrayList<>(signals.keySet()));
      r.signals().forEach((k, v) -> {
        if (v instanceof Signal.Numeric n) {
          assertEquals(n.value(), ((Number) signals.get(k)).doubleValue());
        } else {
          assertEquals(((Signal.Category) v).value(), signals.get(k));
        }
      });
      assertEquals(r.prediction(), m.get("prediction"));
      Map<String, Object> scores = (Map<String, Object>) m.get("scores");
      assertEquals(new ArrayList<>(r.scores().keySet()), new ArrayList<>(scores.keySet()));
      r.scores().forEach((k, v) -> assertEquals(v, ((Number) scores.get(k)).doubleValue()));
      assertEquals(r.latency().toNanos(), ((Number) m.get("latency_ns")).longValue());
      assertEquals(r.consent().name(), m.get("consent"));
      assertEquals(r.subjectId(), m.get("subject"));
      assertEquals(r, PredictionRecordJson.fromJson(json, 0, json.length));
    }
  }

  @Test
  @DisplayName("toJson(record, input) writes what toJson writes for the record with that input")
  void withInput() {
    qt().withExamples(300).forAll(RECORD, longs().all()).checkAssert((r, seed) -> {
      PayloadRef ref = new PayloadRef(sha(seed), "audio/wav", seed & 0xffff);
      if (r.consent().allowsTraining()) {
        assertArrayEquals(PredictionRecordJson.toJson(r.withInput(Optional.of(ref))),
            PredictionRecordJson.toJson(r, ref));
      } else {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PredictionRecordJson.toJson(r, ref));
        assertEquals("input of request " + r.requestId() + " may be kept only under TRAINING"
            + " consent but consent was " + r.consent(), e.getMessage());
      }
    });
  }

  @Test
  @DisplayName("toJson with room around it: zeros, then what toJson writes, then zeros, for any"
      + " record (Jackson's too) and any room")
  void framed() {
    qt().withExamples(500).forAll(RECORD, integers().between(0, 70), integers().between(0, 70),
        longs().all()).checkAssert((r, before, after, seed) -> {
          PayloadRef ref = new PayloadRef(sha(seed), "audio/wav", seed & 0xffff);
          boolean withRef = r.consent().allowsTraining() && (seed & 1) == 0;
          byte[] json = withRef ? PredictionRecordJson.toJson(r, ref)
              : PredictionRecordJson.toJson(r);
          byte[] out = PredictionRecordJson.toJson(r, withRef ? ref : null, before, after);
          assertEquals(before + json.length + after, out.length);
          assertArrayEquals(new byte[before], Arrays.copyOfRange(out, 0, before));
          assertArrayEquals(json, Arrays.copyOfRange(out, before, before + json.length));
          assertArrayEquals(new byte[after], Arrays.copyOfRange(out, out.length - after,
              out.length));
        });
    // a writer that last wrote a long record leaves nothing of it in a shorter one's room
    PredictionRecord big = PredictionRecord.of("r".repeat(3000), Instant.EPOCH, "m", "1",
        Map.of(), "p", Map.of(), Duration.ZERO, Consent.MONITORING, "");
    PredictionRecord small = PredictionRecord.of("s", Instant.EPOCH, "m", "1", Map.of(), "p",
        Map.of(), Duration.ZERO, Consent.MONITORING, "");
    PredictionRecordJson.toJson(big, null, 40, 0);
    byte[] out = PredictionRecordJson.toJson(small, null, 40, 600);
    byte[] json = PredictionRecordJson.toJson(small);
    assertArrayEquals(new byte[600], Arrays.copyOfRange(out, 40 + json.length, out.length));
  }

  @Test
  @DisplayName("toJson with negative room, or with an input the consent does not allow, says"
      + " which")
  void framedBadArguments() {
    PredictionRecord r = PredictionRecord.of("r1", Instant.EPOCH, "m", "1", Map.of(), "p",
        Map.of(), Duration.ZERO, Consent.MONITORING, "");
    assertEquals("room before and after the JSON must be at least 0 but was -1 and 0",
        assertThrows(IllegalArgumentException.class,
            () -> PredictionRecordJson.toJson(r, null, -1, 0)).getMessage());
    assertEquals("room before and after the JSON must be at least 0 but was 0 and -3",
        assertThrows(IllegalArgumentException.class,
            () -> PredictionRecordJson.toJson(r, null, 0, -3)).getMessage());
    PayloadRef ref = new PayloadRef(sha(1), "audio/wav", 10);
    assertEquals("input of request r1 may be kept only under TRAINING consent but consent was"
        + " MONITORING", assertThrows(IllegalArgumentException.class,
            () -> PredictionRecordJson.toJson(r, ref, 6, 1)).getMessage());
  }

  @Test
  @DisplayName("a record with a text that is not plain ASCII is written by Jackson, escaped")
  void escapes() {
    PredictionRecord r = PredictionRecord.of("r\"1\\", Instant.EPOCH, "m\u00e9", "1",
        Map.of("t\n", Signal.of("\u0001\u20ac\ud83d\ude00")), "p", Map.of(), Duration.ZERO,
        Consent.MONITORING, "");
    String json = new String(PredictionRecordJson.toJson(r), StandardCharsets.UTF_8);
    assertEquals("{\"v\":2,\"id\":\"r\\\"1\\\\\",\"time\":\"1970-01-01T00:00:00Z\",\"model\":"
        + "\"m\u00e9\",\"version\":\"1\",\"signals\":{\"t\\n\":\"\\u0001\u20ac\\uD83D\\uDE00\"},"
        + "\"prediction\":\"p\",\"scores\":{},\"latency_ns\":0,\"consent\":\"MONITORING\","
        + "\"subject\":\"\"}", json);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertEquals(r, PredictionRecordJson.fromJson(bytes, 0, bytes.length));
  }
}
