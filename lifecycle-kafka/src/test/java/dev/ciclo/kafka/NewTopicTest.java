package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.log.Consent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class NewTopicTest {
  @RegisterExtension static final Broker broker = new Broker();
  @TempDir static Path dir;

  @Test
  @DisplayName("a log built the moment its topic is created loses no record (Kafka before 4.5"
      + " drops an idempotent producer's first batch to a partition whose leader had not applied"
      + " the creation yet, KAFKA-15591: build waits until every partition's leader answers)")
  void freshTopics() throws Exception {
    int topics = Integer.getInteger("ciclo.newTopics", 20);
    for (int t = 0; t < topics; t++) {
      String topic = "fresh-" + t;
      broker.createTopic(topic, 8);
      try (KafkaPredictionLog log = KafkaPredictionLog.builder(broker.bootstrap(), topic,
          SubjectKeyStore.directory(dir.resolve("keys-" + t)))
          .deliveryTimeout(Duration.ofSeconds(10)).build()) {
        for (int i = 0; i < 400; i++) {
          log.append(KafkaPredictionLogTest.record(i, "user-" + (i % 64), Consent.MONITORING));
        }
        log.flush();
        assertEquals(400, log.acknowledged(), topic);
      }
    }
  }
}
