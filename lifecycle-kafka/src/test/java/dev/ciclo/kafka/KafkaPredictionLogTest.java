package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaPredictionLogTest {
  static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
  @RegisterExtension static final Broker broker = new Broker();
  @TempDir static Path dir;

  static PredictionRecord record(int i, String subject, Consent consent) {
    return PredictionRecord.of("r" + i, T0.plusMillis(i * 10L), "digits", "3",
        Map.of("rms", Signal.of(0.01 * i), "device", Signal.of(i % 2 == 0 ? "android" : "ios")),
        Integer.toString(i % 10), Map.of(Integer.toString(i % 10), 0.9), Duration.ofMillis(3),
        consent, subject);
  }

  static byte[] wav(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private KafkaPredictionLog log(String topic, Path keys) {
    return KafkaPredictionLog.builder(broker.bootstrap(), topic, SubjectKeyStore.directory(keys))
        .payloadStore(keys.resolveSibling(keys.getFileName() + "-payloads"))
        .inlineLimit(4096)
        .readTimeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  @DisplayName("records come back as sent, by consent: none dropped, monitoring without input,"
      + " training with its input inline or stored by size")
  void roundTripByConsent() throws Exception {
    broker.createTopic("roundtrip", 3);
    try (KafkaPredictionLog log = log("roundtrip", dir.resolve("k1"))) {
      List<PredictionRecord> sent = new ArrayList<>();
      List<byte[]> inputs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Consent c = i % 3 == 0 ? Consent.NONE : i % 3 == 1 ? Consent.MONITORING
            : Consent.TRAINING;
        PredictionRecord r = record(i, "user-" + (i % 4), c);
        byte[] x = wav(i % 2 == 0 ? 100 + i : 10_000 + i, i); // odd: over the inline limit
        AppendOutcome o = log.append(r, RawPayload.of("audio/wav", x));
        assertEquals(c == Consent.NONE ? AppendOutcome.NO_CONSENT : AppendOutcome.LOGGED, o);
        if (c != Consent.NONE) {
          sent.add(r);
          inputs.add(c == Consent.TRAINING ? x : null);
        }
      }
      log.flush();
      assertEquals(20, log.acknowledged());
      List<PredictionRecord> read = log.read(T0, T0.plusSeconds(3600)).toList();
      assertEquals(sent.size(), read.size());
      for (int i = 0; i < sent.size(); i++) {
        PredictionRecord a = sent.get(i);
        PredictionRecord b = read.get(i);
        assertEquals(a, b.withInput(Optional.empty()));
        Optional<Payload> p = log.payload(b);
        if (inputs.get(i) == null) {
          assertTrue(b.input().isEmpty());
          assertTrue(p.isEmpty());
        } else {
          assertEquals("audio/wav", b.input().get().mediaType());
          assertArrayEquals(inputs.get(i), ((RawPayload) p.orElseThrow()).bytes(), a.requestId());
        }
      }
      assertEquals(List.of(), log.read(T0.plusSeconds(3600), T0.plusSeconds(7200)).toList());
      assertEquals(0, log.undecodable());
    }
  }

  @Test
  @DisplayName("erasing a subject deletes its key: its inputs are unreadable, every other"
      + " subject's still read")
  void cryptoShredding() throws Exception {
    broker.createTopic("erasure", 2);
    try (KafkaPredictionLog log = log("erasure", dir.resolve("k2"))) {
      for (int i = 0; i < 40; i++) {
        byte[] x = wav(i % 5 == 0 ? 9_000 : 200, i);
        assertEquals(AppendOutcome.LOGGED, log.append(record(i, "user-" + (i % 4),
            Consent.TRAINING), RawPayload.of("audio/wav", x)));
      }
      log.flush();
      assertEquals(10, log.erase("user-1"));
      assertEquals(0, log.erase("user-1"), "a second erasure finds no key");
      List<PredictionRecord> all = log.read(T0, T0.plusSeconds(60)).toList();
      assertEquals(40, all.size(), "the records stay; only their inputs are shredded");
      int readable = 0;
      for (PredictionRecord r : all) {
        Optional<Payload> p = log.payload(r);
        if (r.subjectId().equals("user-1")) {
          assertTrue(p.isEmpty(), r.requestId() + " of the erased subject was readable");
        } else {
          int i = Integer.parseInt(r.requestId().substring(1));
          assertArrayEquals(wav(i % 5 == 0 ? 9_000 : 200, i), ((RawPayload) p.orElseThrow())
              .bytes());
          readable++;
        }
      }
      assertEquals(30, readable);
      // the subject comes back later: a fresh key, the old inputs still unreadable
      log.append(record(100, "user-1", Consent.TRAINING), RawPayload.of("audio/wav", wav(50, 1)));
      log.flush();
      List<PredictionRecord> again = log.read(T0, T0.plusSeconds(60)).filter(
          r -> r.subjectId().equals("user-1")).toList();
      assertEquals(11, again.size());
      assertEquals(1, again.stream().filter(r -> log.payload(r).isPresent()).count());
    }
  }

  @Test
  @DisplayName("messages that do not decode are skipped, counted and the rest is read")
  void undecodable() throws Exception {
    broker.createTopic("garbage", 1);
    try (KafkaPredictionLog log = log("garbage", dir.resolve("k3"))) {
      log.append(record(1, "a", Consent.MONITORING));
      log.flush();
      long t = T0.plusMillis(20).toEpochMilli();
      byte[] k = "a".getBytes(StandardCharsets.UTF_8);
      broker.sendRaw("garbage", k, "not a record".getBytes(StandardCharsets.UTF_8), t);
      broker.sendRaw("garbage", k, new byte[] {'C', 9, 0, 0, 0, 0, 0}, t); // version 9
      broker.sendRaw("garbage", k, new byte[] {'C', 1, 0, 0, 1, 0, '{'}, t); // truncated
      broker.sendRaw("garbage", k, new byte[] {'C', 1, 0, 0, 0, 2, '{', '}', 0}, t); // no fields
      log.append(record(3, "a", Consent.MONITORING));
      log.flush();
      List<PredictionRecord> read = log.read(T0, T0.plusSeconds(1)).toList();
      assertEquals(List.of("r1", "r3"), read.stream().map(PredictionRecord::requestId).toList());
      assertEquals(4, log.undecodable());
    }
  }

  @Test
  @DisplayName("a message the producer wrote twice (same key, time and bytes, as after an epoch"
      + " bump) is read once and counted; a new record that reuses a request id is not a copy")
  void secondCopies() throws Exception {
    broker.createTopic("copies", 2);
    try (KafkaPredictionLog log = log("copies", dir.resolve("k5"))) {
      for (int i = 0; i < 6; i++) {
        log.append(record(i, "user-" + (i % 2), Consent.TRAINING),
            RawPayload.of("audio/wav", wav(300, i)));
      }
      log.flush();
      // what Kafka's producer does after an epoch bump: the very same message appended again
      List<ConsumerRecord<byte[], byte[]>> raw = broker.readRaw("copies");
      assertEquals(6, raw.size());
      for (ConsumerRecord<byte[], byte[]> m : raw) {
        String id = Envelope.decode(m.value()).record().requestId();
        if (List.of("r0", "r1", "r2").contains(id)) {
          broker.sendRaw("copies", m.key(), m.value(), m.timestamp());
        }
      }
      // a client that sends request r0 again with the same input and answer: a new record (its
      // input sealed under a fresh nonce), not a copy
      log.append(record(0, "user-0", Consent.TRAINING), RawPayload.of("audio/wav", wav(300, 0)));
      log.flush();
      assertEquals(10, broker.readRaw("copies").size(), "the topic holds every copy");

      List<String> ids = log.read(T0, T0.plusSeconds(60)).map(PredictionRecord::requestId)
          .sorted().toList();
      assertEquals(List.of("r0", "r0", "r1", "r2", "r3", "r4", "r5"), ids);
      assertEquals(3, log.repeated());
      assertEquals(4, log.erase("user-0"), "r0, r2, r4 and the new r0, each once");
      assertEquals(3, log.erase("user-1"), "r1, r3, r5, each once");
    }
  }

  @Test
  @DisplayName("inputs over the cap, of unknown media types, or under monitoring consent are"
      + " refused or dropped as in the file log")
  void refusals() throws Exception {
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(broker.bootstrap(), "refusals",
        SubjectKeyStore.directory(dir.resolve("k4"))).inlineLimit(100).build()) {
      assertEquals(AppendOutcome.PAYLOAD_TOO_LARGE, log.append(record(1, "a", Consent.TRAINING),
          RawPayload.of("audio/wav", wav(101, 1))), "no payload store: over the inline limit");
      assertEquals(AppendOutcome.UNKNOWN_MEDIA_TYPE, log.append(record(2, "a",
          Consent.TRAINING), RawPayload.of("image/png", wav(10, 1))));
      assertFalse(log.append(record(3, "a", Consent.NONE)));
      assertThrows(IllegalArgumentException.class, () -> log.append(record(4, "a",
          Consent.MONITORING).withInput(Optional.of(new dev.ciclo.api.log.PayloadRef(
          "0".repeat(64), "audio/wav", 1)))));
      assertEquals(0, log.notLogged());
    }
  }
}
