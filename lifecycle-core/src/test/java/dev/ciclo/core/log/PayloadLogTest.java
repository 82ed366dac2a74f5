package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.FieldValue;
import dev.ciclo.api.log.FieldsPayload;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.core.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadLogTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  private static PredictionRecord record(String id, Instant t, String subject, Consent consent) {
    return PredictionRecord.of(id, t, "digits", "3",
        Map.of("rms", Signal.of(0.25), "device", Signal.of("phone")), "7",
        Map.of("7", 0.75, "1", 0.25), Duration.ofMillis(3), consent, subject);
  }

  private static RawPayload wav(int i) {
    byte[] b = new byte[1_000];
    b[0] = 'R';
    b[1] = (byte) i;
    b[2] = (byte) (i >> 8);
    return RawPayload.of("audio/wav", b);
  }

  private static List<PredictionRecord> all(FilePredictionLog log) {
    try (Stream<PredictionRecord> s = log.read(Instant.EPOCH, Instant.MAX)) {
      return s.toList();
    }
  }

  @Test
  @DisplayName("consent decides per record: none keeps nothing, monitoring keeps the prediction,"
      + " scores and signals but never x, training keeps x too and reads it back")
  void consent() {
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      assertEquals(AppendOutcome.NO_CONSENT, log.append(record("n", T0, "a", Consent.NONE),
          wav(1)));
      assertEquals(AppendOutcome.LOGGED, log.append(record("m", T0, "a", Consent.MONITORING),
          wav(2)));
      assertEquals(AppendOutcome.LOGGED, log.append(record("t", T0, "a", Consent.TRAINING),
          wav(3)));
      List<PredictionRecord> rs = all(log);
      assertEquals(List.of("m", "t"), rs.stream().map(PredictionRecord::requestId).toList());
      assertEquals(Optional.empty(), rs.get(0).input());
      assertEquals(Optional.empty(), log.payload(rs.get(0)));
      assertEquals(Signal.of(0.25), rs.get(0).signals().get("rms"));
      assertEquals(Signal.of("phone"), rs.get(0).signals().get("device"));
      PayloadRef ref = rs.get(1).input().orElseThrow();
      assertEquals("audio/wav", ref.mediaType());
      assertEquals(1_000, ref.size());
      assertEquals(PayloadStore.sha256(wav(3).bytes()), ref.sha256());
      assertEquals(Optional.of(wav(3)), log.payload(rs.get(1)));
      assertEquals(1, log.storedPayloads(), "the monitoring record's x was not stored");
      assertEquals(1L, log.outcomes().get(AppendOutcome.NO_CONSENT));
      assertEquals(1L, log.refusedForConsent());
    }
  }

  @Test
  @DisplayName("equal contents are stored once; tensors and typed fields round-trip through the"
      + " store, and survive a reopen")
  void dedupAndTypes() {
    TensorPayload tensor = TensorPayload.ofDoubles(TensorPayload.ElementType.FP64,
        new long[] {1, 3}, new double[] {0.5, -1, 2e-9});
    FieldsPayload fields = new FieldsPayload(Map.of("age", FieldValue.of(37L), "score",
        FieldValue.of(0.5), "ok", FieldValue.of(true), "city", FieldValue.of("Zürich")));
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      for (int i = 0; i < 3; i++) {
        log.append(record("w" + i, T0, "a", Consent.TRAINING), wav(7));
      }
      log.append(record("t", T0, "a", Consent.TRAINING), tensor);
      log.append(record("f", T0, "a", Consent.TRAINING), fields);
      assertEquals(3, log.storedPayloads());
    }
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      List<PredictionRecord> rs = all(log);
      assertEquals(5, rs.size());
      assertEquals(Optional.of(wav(7)), log.payload(rs.get(2)));
      assertEquals(Optional.of(tensor), log.payload(rs.get(3)));
      assertEquals(Optional.of(fields), log.payload(rs.get(4)));
      assertEquals(Payload.TENSOR_MEDIA_TYPE, rs.get(3).input().orElseThrow().mediaType());
    }
  }

  @Test
  @DisplayName("erasure by subject removes the subject's payloads and references; a content"
      + " another subject also sent stays")
  void erasure() {
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      log.append(record("a1", T0, "alice", Consent.TRAINING), wav(1));
      log.append(record("a2", T0, "alice", Consent.TRAINING), wav(2));
      log.append(record("b1", T0, "bob", Consent.TRAINING), wav(2));
      log.append(record("b2", T0, "bob", Consent.TRAINING), wav(3));
      assertEquals(3, log.storedPayloads());
      assertEquals(2, log.erase("alice"));
      assertEquals(2, log.storedPayloads());
      List<PredictionRecord> rs = all(log);
      assertEquals(List.of("b1", "b2"), rs.stream().map(PredictionRecord::requestId).toList());
      assertEquals(Optional.of(wav(2)), log.payload(rs.get(0)));
      assertEquals(Optional.of(wav(3)), log.payload(rs.get(1)));
      log.append(record("b3", T0, "bob", Consent.TRAINING), wav(4));
      assertEquals(Optional.of(wav(4)), log.payload(all(log).get(2)), "writes go on after");
    }
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      assertEquals(3, log.storedPayloads(), "alice's own clip is gone from the files");
    }
  }

  @Test
  @DisplayName("retention applies to payloads: those only expired records reference are removed")
  void retention() {
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock)
        .retention(Duration.ofDays(1)).maxSegmentAge(Duration.ofHours(1)).build()) {
      log.append(record("old", clock.instant(), "a", Consent.TRAINING), wav(1));
      log.append(record("both-old", clock.instant(), "a", Consent.TRAINING), wav(2));
      clock.advance(Duration.ofDays(2));
      log.append(record("new", clock.instant(), "a", Consent.TRAINING), wav(2));
      log.applyRetention();
      assertEquals(1, log.storedPayloads());
      List<PredictionRecord> rs = all(log);
      assertEquals(List.of("new"), rs.stream().map(PredictionRecord::requestId).toList());
      assertEquals(Optional.of(wav(2)), log.payload(rs.get(0)));
    }
  }

  @Test
  @DisplayName("a payload whose bytes no longer match its hash is skipped and counted, never"
      + " returned; the others still read")
  void damaged() throws IOException {
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      log.append(record("a", T0, "s", Consent.TRAINING), wav(1));
      log.append(record("b", T0, "s", Consent.TRAINING), wav(2));
    }
    Path pack = Files.list(dir.resolve("payloads")).findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(pack);
    bytes[8 + 500] ^= 1; // inside the first entry's content (a CPK2 header is 8 bytes)
    Files.write(pack, bytes);
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      List<PredictionRecord> rs = all(log);
      assertEquals(Optional.empty(), log.payload(rs.get(0)));
      assertEquals(1, log.corruptPayloads());
      assertEquals(Optional.of(wav(2)), log.payload(rs.get(1)));
    }
  }

  @Test
  @DisplayName("an unknown media type, a payload over the cap and a failing disk leave the"
      + " record out with the reason, counted; nothing written before is damaged")
  void badInputsAndFaults() {
    AtomicBoolean diskFull = new AtomicBoolean();
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock)
        .maxPayloadBytes(2_000)
        .payloadWriteHook((pack, n) -> {
          if (diskFull.get()) {
            throw new IOException("No space left on device");
          }
        }).build()) {
      assertEquals(AppendOutcome.LOGGED, log.append(record("ok1", T0, "s", Consent.TRAINING),
          wav(1)));
      assertEquals(AppendOutcome.UNKNOWN_MEDIA_TYPE, log.append(record("mt", T0, "s",
          Consent.TRAINING), RawPayload.of("video/mp4", new byte[10])));
      assertEquals(AppendOutcome.PAYLOAD_TOO_LARGE, log.append(record("big", T0, "s",
          Consent.TRAINING), RawPayload.of("audio/wav", new byte[2_001])));
      diskFull.set(true);
      assertEquals(AppendOutcome.WRITE_FAILED, log.append(record("full", T0, "s",
          Consent.TRAINING), wav(2)));
      assertEquals(AppendOutcome.LOGGED, log.append(record("mon", T0, "s",
          Consent.MONITORING), wav(2)), "a monitoring record needs no payload write");
      diskFull.set(false);
      assertEquals(AppendOutcome.LOGGED, log.append(record("ok2", T0, "s", Consent.TRAINING),
          wav(3)));
      Map<AppendOutcome, Long> counts = log.outcomes();
      assertEquals(3L, counts.get(AppendOutcome.LOGGED));
      assertEquals(1L, counts.get(AppendOutcome.UNKNOWN_MEDIA_TYPE));
      assertEquals(1L, counts.get(AppendOutcome.PAYLOAD_TOO_LARGE));
      assertEquals(1L, counts.get(AppendOutcome.WRITE_FAILED));
    }
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      List<PredictionRecord> rs = all(log);
      assertEquals(List.of("ok1", "mon", "ok2"),
          rs.stream().map(PredictionRecord::requestId).toList());
      assertEquals(Optional.of(wav(1)), log.payload(rs.get(0)));
      assertEquals(Optional.of(wav(3)), log.payload(rs.get(2)));
      assertEquals(2, log.storedPayloads(), "the failed write was cut back out of the pack");
      assertEquals(0, log.corruptPayloads());
    }
  }

  @Test
  @DisplayName("a record that already references an input is refused, naming the request")
  void refusesReferencedRecords() {
    PredictionRecord r = record("x", T0, "s", Consent.TRAINING).withInput(Optional.of(
        new PayloadRef("0".repeat(64), "audio/wav", 1)));
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> log.append(r));
      assertEquals("record x must not reference an input before it is logged; pass the payload"
          + " to append", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> log.append(r, wav(1)));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> record("m", T0, "s", Consent.MONITORING).withInput(Optional.of(
            new PayloadRef("0".repeat(64), "audio/wav", 1))));
    assertEquals("input of request m may be kept only under TRAINING consent but consent was"
        + " MONITORING", e.getMessage());
  }

  @Test
  @DisplayName("the record's JSON form is version 2 with typed signals, and version 1 lines"
      + " still read")
  void recordFormat() {
    PredictionRecord r = record("r", T0, "s", Consent.TRAINING).withInput(Optional.of(
        new PayloadRef("ab".repeat(32), "audio/wav", 16_044)));
    byte[] json = PredictionRecordJson.toJson(r);
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\"v\":2,\"id\":\"r\""), text);
    assertTrue(text.contains("\"signals\":{\"rms\":0.25,\"device\":\"phone\"}")
        || text.contains("\"signals\":{\"device\":\"phone\",\"rms\":0.25}"), text);
    assertEquals(r, PredictionRecordJson.fromJson(json, 0, json.length));
    byte[] v1 = ("{\"id\":\"o\",\"time\":\"2026-01-01T00:00:00Z\",\"model\":\"m\",\"version\":\"1\","
        + "\"input\":{\"x\":\"0.5\",\"city\":\"Rome\"},\"prediction\":\"7\",\"scores\":{},"
        + "\"latency_ns\":5,\"consent\":\"MONITORING\",\"subject\":\"\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    PredictionRecord old = PredictionRecordJson.fromJson(v1, 0, v1.length);
    assertEquals(Map.of("x", Signal.of(0.5), "city", Signal.of("Rome")), old.signals());
    byte[] v3 = "{\"v\":3}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PredictionRecordJson.fromJson(v3, 0, v3.length));
    assertEquals("record format version must be at most 2 but was 3", e.getMessage());
  }

  @Test
  @DisplayName("payload types check their values and keep their canonical bytes")
  void payloadTypes() {
    assertEquals("text/plain;charset=utf-8", RawPayload.of(" Text/Plain; Charset=UTF-8",
        new byte[0]).mediaType());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RawPayload.of("wav", new byte[0]));
    assertEquals("mediaType must be type/subtype[;name=value...] but was 'wav'", e.getMessage());
    TensorPayload t = TensorPayload.ofLongs(TensorPayload.ElementType.INT32, new long[] {2, 2},
        new long[] {1, -2, 3, Integer.MAX_VALUE});
    assertEquals(t, TensorPayload.fromCanonicalBytes(t.canonicalBytes()));
    assertArrayEquals(new long[] {1, -2, 3, Integer.MAX_VALUE}, t.longs());
    e = assertThrows(IllegalArgumentException.class, () -> TensorPayload.ofDoubles(
        TensorPayload.ElementType.FP32, new long[] {2, 2}, new double[3]));
    assertEquals("shape [2, 2] holds 4 elements but data has 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TensorPayload.ofLongs(
        TensorPayload.ElementType.BOOL, new long[] {1}, new long[] {2}));
    assertEquals("data[0] must be 0 or 1 for BOOL but was 2", e.getMessage());
    FieldsPayload f = new FieldsPayload(Map.of("b", FieldValue.of("x"), "a", FieldValue.of(1L)));
    assertEquals(List.of("a", "b"), List.copyOf(f.fields().keySet()));
    assertEquals(f, FieldsPayload.fromCanonicalBytes(f.canonicalBytes()));
    e = assertThrows(IllegalArgumentException.class, () -> Signal.of(Double.NaN));
    assertEquals("numeric signal must be finite but was NaN", e.getMessage());
  }
}
