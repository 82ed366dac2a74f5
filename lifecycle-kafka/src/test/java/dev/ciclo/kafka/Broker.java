package dev.ciclo.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Apache Kafka's own KRaft broker (one combined broker and controller) in the test JVM, as a
 * JUnit extension: {@code @RegisterExtension static final Broker broker = new Broker();} starts it
 * before the class's tests and stops it after them.
 */
final class Broker implements BeforeAllCallback, AfterAllCallback {
  private KafkaClusterTestKit kit;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .build();
    kit = new KafkaClusterTestKit.Builder(nodes)
        // one broker: the offsets topic cannot have three replicas (consumers would get nothing)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        // tests log records with past times (2026-01-01): time retention must not delete them
        .setConfigProp("log.retention.ms", "-1")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
  }

  String bootstrap() {
    return kit.bootstrapServers();
  }

  void createTopic(String name, int partitions) throws Exception {
    try (Admin a = kit.admin()) {
      a.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }

  /** Stops the broker (the controller stays up), as a crash-free restart's first half. */
  void stopBroker() {
    kit.brokers().values().forEach(b -> {
      b.shutdown();
      b.awaitShutdown();
    });
  }

  void startBroker() throws Exception {
    kit.brokers().values().forEach(b -> b.startup());
    kit.waitForReadyBrokers();
  }

  /** Writes raw bytes to the topic, bypassing Ciclo (for messages that do not decode). */
  void sendRaw(String topic, byte[] key, byte[] value, long timestamp) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, null, timestamp, key, value)).get();
    }
  }

  /**
   * Every message the topic holds now, partition by partition in offset order, read past Ciclo.
   */
  List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).sorted(
              Comparator.comparingInt(TopicPartition::partition)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(t -> c.position(t) < end.get(t))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + topic + " not read to " + end + " in 30 s");
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    return out;
  }

  Map<String, Object> consumerDefaults() {
    return Map.of("bootstrap.servers", bootstrap(), "request.timeout.ms",
        (int) Duration.ofSeconds(10).toMillis());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    kit.close();
  }
}
