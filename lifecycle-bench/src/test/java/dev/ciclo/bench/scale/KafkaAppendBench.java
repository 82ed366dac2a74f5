package dev.ciclo.bench.scale;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.kafka.KafkaPredictionLog;
import dev.ciclo.kafka.SubjectKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Kafka log append against a raw {@code KafkaProducer} sending the same bytes (the messages
 * Ciclo wrote, read back) with the same settings (acks=all, idempotent, linger 5 ms), to one
 * in-JVM KRaft broker. Goal: Ciclo at least 0.8x the raw producer's records per second. Prints
 * each repeat and the median ratio.
 *
 * <pre>
 * mvn -B -q -pl lifecycle-bench -am test-compile
 * mvn -B -q -pl lifecycle-bench exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ciclo.bench.scale.KafkaAppendBench -Dexec.args="200000 5"
 * </pre>
 */
public final class KafkaAppendBench {
  private KafkaAppendBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    try (KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1").build()) {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      String bootstrap = kit.bootstrapServers();
      List<PredictionRecord> records = new ArrayList<>(n);
      Instant t0 = Instant.parse("2026-12-06T00:00:00Z");
      for (int i = 0; i < n; i++) {
        records.add(PredictionRecord.of("r" + i, t0.plusMillis(i), "digits", "3",
            Map.of("rms", Signal.of(0.001 * (i % 1000)), "snr_db", Signal.of(i % 30),
                "device", Signal.of(i % 2 == 0 ? "android" : "ios")),
            Integer.toString(i % 10), Map.of(Integer.toString(i % 10), 0.9),
            Duration.ofMillis(3), Consent.MONITORING, "user-" + (i % 5000)));
      }
      Path keys = Files.createTempDirectory("bench-keys");
      double[] ratios = new double[repeats];
      for (int rep = 0; rep < repeats; rep++) {
        String ciclo = "ciclo-" + rep;
        String raw = "raw-" + rep;
        try (Admin a = kit.admin()) {
          a.createTopics(List.of(new NewTopic(ciclo, 3, (short) 1),
              new NewTopic(raw, 3, (short) 1))).all().get();
        }
        long c0 = System.nanoTime();
        try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, ciclo,
            SubjectKeyStore.directory(keys)).build()) {
          for (PredictionRecord r : records) {
            log.append(r);
          }
          log.flush();
        }
        double cicloSeconds = (System.nanoTime() - c0) / 1e9;
        List<ConsumerRecord<byte[], byte[]>> same = readAll(bootstrap, ciclo, n);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", true);
        p.put("linger.ms", 5);
        long r0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
          for (ConsumerRecord<byte[], byte[]> m : same) {
            producer.send(new ProducerRecord<>(raw, null, m.timestamp(), m.key(), m.value()));
          }
          producer.flush();
        }
        double rawSeconds = (System.nanoTime() - r0) / 1e9;
        ratios[rep] = rawSeconds / cicloSeconds;
        System.out.printf("repeat %d: Ciclo %.0f records/s, raw KafkaProducer %.0f records/s,"
            + " ratio %.3f%n", rep, n / cicloSeconds, n / rawSeconds, ratios[rep]);
      }
      double[] sorted = ratios.clone();
      Arrays.sort(sorted);
      System.out.printf("median ratio Ciclo / raw producer: %.3f (goal >= 0.8); %d records of"
          + " %d bytes on average%n", sorted[repeats / 2], n, averageBytes(bootstrap, n));
    }
  }

  private static long averageBytes(String bootstrap, int n) {
    long total = 0;
    for (ConsumerRecord<byte[], byte[]> m : readAll(bootstrap, "ciclo-0", Math.min(n, 1000))) {
      total += m.value().length;
    }
    return total / Math.min(n, 1000);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic,
      int n) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("enable.auto.commit", false);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(n);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      while (out.size() < n) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
