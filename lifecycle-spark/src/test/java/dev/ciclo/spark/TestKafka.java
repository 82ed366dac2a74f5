package dev.ciclo.spark;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Apache Kafka's own KRaft broker (one combined broker and controller) in the test JVM. Close it
 * in the test (not in a shutdown hook, where it races Spark's own hook and can end the JVM with
 * an error after the tests passed).
 */
final class TestKafka implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  TestKafka() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    kit = new KafkaClusterTestKit.Builder(nodes)
        // one broker: internal topics with one replica, or consumers get nothing
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
  }

  String bootstrap() {
    return kit.bootstrapServers();
  }

  /**
   * Creates a topic that keeps its messages forever: the tests' records carry fixed timestamps,
   * which time-based retention (seven days by default, checked every five minutes) would delete
   * once they are old.
   */
  void createTopic(String name, int partitions) throws Exception {
    try (Admin a = kit.admin()) {
      a.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
          .configs(Map.of("retention.ms", "-1")))).all().get();
    }
  }

  /** Writes raw bytes to a topic, bypassing Ciclo (a message that does not decode). */
  void sendRaw(String topic, byte[] value, long timestamp) throws Exception {
    sendRaw(topic, null, value, timestamp);
  }

  /**
   * Writes a keyed message to a topic, bypassing Ciclo (with a message's own key, value and
   * time: the copy Kafka's producer appends after an epoch bump, on the same partition).
   */
  void sendRaw(String topic, byte[] key, byte[] value, long timestamp) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, null, timestamp, key, value)).get();
    }
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
