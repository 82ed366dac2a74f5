package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.core.log.PayloadStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OpenMessageTest {
  @RegisterExtension static final Broker broker = new Broker();
  @TempDir static Path dir;

  /** Every message value of a topic, by request id, read by a plain consumer. */
  private static Map<String, byte[]> values(String topic) {
    Map<String, Object> p = new HashMap<>(broker.consumerDefaults());
    Map<String, byte[]> out = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(t -> c.position(t) < end.get(t))) {
        assertTrue(System.nanoTime() < deadline, "topic read in time");
        for (ConsumerRecord<byte[], byte[]> m : c.poll(Duration.ofMillis(200))) {
          out.put(Envelope.decode(m.value()).record().requestId(), m.value());
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("a message read outside the log opens to the same input as the log's own"
      + " payload, inline from the value and stored from the payload store; an erased subject's"
      + " inputs open to nothing while another's still open; a value that is not a Ciclo"
      + " message is refused")
  void opensLikeTheLog() throws Exception {
    broker.createTopic("open", 3);
    Path keysDir = dir.resolve("keys");
    Path store = dir.resolve("payloads");
    SubjectKeyStore keys = SubjectKeyStore.directory(keysDir);
    Map<String, byte[]> sent = new HashMap<>();
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(broker.bootstrap(), "open", keys)
        .payloadStore(store).inlineLimit(4096).readTimeout(Duration.ofSeconds(20)).build()) {
      for (int i = 0; i < 24; i++) {
        Consent c = i % 4 == 3 ? Consent.MONITORING : Consent.TRAINING;
        byte[] x = KafkaPredictionLogTest.wav(i % 2 == 0 ? 200 + i : 6_000 + i, i);
        log.append(KafkaPredictionLogTest.record(i, "user-" + (i % 3), c),
            RawPayload.of("audio/wav", x));
        if (c == Consent.TRAINING) {
          sent.put("r" + i, x);
        }
      }
      log.flush();
      Map<String, byte[]> values = values("open");
      assertEquals(24, values.size());

      // the executors' side: their own key store and payload store on the same folders
      SubjectKeyStore executorKeys = SubjectKeyStore.directory(keysDir);
      try (PayloadStore executorStore = PayloadStore.open(store)) {
        for (Map.Entry<String, byte[]> m : values.entrySet()) {
          byte[] want = sent.get(m.getKey());
          Optional<Payload> both = KafkaPredictionLog.openMessage(m.getValue(), executorKeys,
              executorStore);
          Optional<Payload> inline = KafkaPredictionLog.openMessage(m.getValue(), executorKeys);
          if (want == null) {
            assertTrue(both.isEmpty() && inline.isEmpty(), m.getKey() + ": monitoring only");
            continue;
          }
          assertArrayEquals(want, ((RawPayload) both.orElseThrow()).bytes(), m.getKey());
          boolean stored = want.length > 4096;
          assertEquals(!stored, inline.isPresent(), m.getKey() + ": inline read alone");
          PredictionRecord r = Envelope.decode(m.getValue()).record();
          assertArrayEquals(((RawPayload) log.payload(r).orElseThrow()).bytes(),
              ((RawPayload) both.get()).bytes(), m.getKey() + ": as the log reads it");
        }

        log.erase("user-1");
        for (Map.Entry<String, byte[]> m : values.entrySet()) {
          PredictionRecord r = Envelope.decode(m.getValue()).record();
          Optional<Payload> p = KafkaPredictionLog.openMessage(m.getValue(), executorKeys,
              executorStore);
          assertEquals(sent.containsKey(m.getKey()) && !r.subjectId().equals("user-1"),
              p.isPresent(), m.getKey() + " of " + r.subjectId() + " after erasing user-1");
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KafkaPredictionLog.openMessage(new byte[] {'X', 1, 0, 0, 0, 0, 0}, keys));
    assertEquals("message is not a Ciclo record (no magic byte)", e.getMessage());
  }
}
