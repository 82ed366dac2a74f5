package dev.ciclo.bench.kafka;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.kafka.KafkaPredictionLog;
import dev.ciclo.kafka.SubjectKeyStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
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
 * Kafka log append against a raw {@code KafkaProducer} sending the same bytes (the messages a
 * warm-up run of the log wrote, read back) with the same settings (acks=all, idempotent, linger
 * 5 ms, five requests in flight), to one in-JVM KRaft broker, in the same run. Two workloads:
 * records under monitoring consent (the record only) and under training consent (the record and
 * a raw input encrypted with its subject's key, inline). Goal: the log at least 0.8x the raw
 * producer's records per second. Each timed run includes making its producer, sending, flush
 * and close. Prints every repeat and the median ratio per workload.
 *
 * <p>Fairness: every topic is made, and every partition has taken a probe message, before any
 * timing (a producer that starts on a topic made a moment before gets NOT_LEADER_OR_FOLLOWER
 * until the broker leads its partitions, and only the first side measured used to pay for it:
 * under load its idempotent retries once ended in OutOfOrderSequenceException and batches
 * expiring after the 120 s delivery timeout); one untimed warm-up round runs both sides (the
 * JIT: the first side measured used to run cold); the order of the two sides alternates between
 * repeats; both producers may block up to 60 s for buffer space (the log's default is 2 s, so
 * that a server keeps answering when Kafka is down). Inputs are {@code RawPayload}s made before
 * timing, as a server has them from its request. On a shared machine wall time measures the
 * share of the cores the run got, so each repeat also prints this JVM's CPU time per record (the
 * log's or the producer's threads and the broker's) and its ratio.
 *
 * <pre>
 * mvn -B -q -pl lifecycle-bench -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/bench.cp -Dmdep.includeScope=test
 * java -cp lifecycle-bench/target/test-classes:$(cat /tmp/bench.cp) \
 *     dev.ciclo.bench.kafka.KafkaAppendBench 400000 9 2048 3 hot
 * </pre>
 *
 * <p>Arguments: records per run (100,000), timed repeats (5), input bytes of a training record
 * (2048), untimed warm-up rounds of both sides (3), and {@code hot} (the default: the log
 * appends 1,000 distinct records in turn, as a server appends the record it has just made, in
 * the CPU's caches) or {@code distinct} (every record made beforehand and read from memory at
 * its append: a JFR profile showed the record's JSON then cost a third more, in cache misses on
 * its strings and maps, which the raw side, streaming through its byte arrays, does not pay).
 * Both sides send the same messages either way.
 *
 * <p><b>Measured</b> 2026-12-06 with that command (100,000 records, 5 repeats, 2 KiB inputs), on
 * 2 cores shared with other builds (load average 10 to 23 at the runs' starts), main before the
 * append work (1a913f6) and after it (ec2d53c) alternating; medians over runs of each run's
 * median ratio. Wall-time ratios spread from 0.24 to 1.9 between neighbouring repeats, so the
 * CPU-time ratio is the steadier figure. Training-consent records do not reach 0.8.
 *
 * <pre>
 *                         before (10 runs)       after (3 runs)
 * monitoring  wall        0.691                  0.872
 *             CPU time    0.698                  0.920
 * training    wall        0.631                  0.744
 *             CPU time    0.480                  0.551   (25 vs 14 us/record; was 27.5 vs 14)
 * </pre>
 *
 * Where a training record's CPU goes beyond the raw producer's ({@link AppendStepsBench}, this
 * thread's CPU time, 2 KiB input): SHA-256 of the input 1.3 us (the PayloadRef's content hash);
 * AES-GCM sealing 0.8 us under the previous record's key and 2.1 us when the subject changes (the
 * JDK makes the key schedule and GHASH key on every {@code init} with another key); the record's
 * JSON 0.5 us (Jackson's generator took about twice that); {@code PayloadRef}'s checks 0.5 us
 * (regular expressions in {@code lifecycle-api}). The hash and the per-subject encryption are what
 * the log promises (content-addressed inputs, erasure by crypto-shredding); these items, about
 * 4.4 us, alone would allow a CPU-time ratio near 0.75. The rest of the 11 us is not broken down
 * yet: candidates are garbage collection (the log makes a 2.5 KiB message and a copy of the input
 * per record, the raw side sends arrays made beforehand, and process CPU time counts GC threads),
 * each log's first read of every subject's key file (5,000 per timed run), the first repeat of
 * every run (37 to 44 us/record against 22 to 29 in later repeats), and cache misses on a loaded
 * machine.
 *
 * <p>On a quiet machine (2026-12-06 09:11-09:40 UTC, load average 2 to 5, the bench alone), after
 * {@code PayloadRef}'s checks became scans, median per-repeat ratios wall (CPU time):
 *
 * <pre>
 *                                      monitoring       training
 * 100,000 x 5, key store per run        0.803 (0.849)    0.718 (0.626)
 * 400,000 x 5, key store per run        0.735 (0.728)    0.879 (0.701)
 * 400,000 x 7, one key store            0.746 (0.683)    0.984 (0.744)
 * 400,000 x 7, one key store            0.776 (0.728)    0.976 (0.724)
 * </pre>
 *
 * Neighbouring repeats still spread from 0.49 to 1.38, and the raw side alone doubled its rate
 * between the first and the last repeats of one run (training: about 50,000 records/s, then
 * 115,000, where the log's ratio fell to 0.6): the goal of 0.8 is not shown steadily.
 *
 * <p>After the record's JSON was written straight into the message (578c6b2) and with 3 warm-up
 * rounds and records hot in cache (the defaults since 1de0b39), quiet machine (2026-12-06
 * 11:40-11:56 UTC, load average 1.2 to 3, the bench alone), median per-repeat ratios wall (CPU
 * time):
 *
 * <pre>
 *                                      monitoring       training
 * 400,000 x 9, hot                      0.869 (0.820)    0.847 (0.684)
 * 400,000 x 9, hot                      0.797 (0.712)    0.715 (0.647)
 * 400,000 x 9, distinct                 0.793 (0.676)    0.835 (0.713)
 * 200,000 x 21, hot                     0.868 (0.808)    0.877 (0.643)
 * </pre>
 *
 * In the 21-repeat run, 14 of 21 monitoring and 11 of 21 training repeats were at 0.8 or more
 * (quartiles 0.774 / 0.868 / 0.902 and 0.647 / 0.877 / 1.025).
 */
public final class KafkaAppendBench {
  private static final String PROBE = "probe";
  /** Distinct records (and inputs) a workload cycles through by default. */
  private static final int HOT = 1000;
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  /** CPU seconds of this JVM (the log or producer, and the broker) in the last timed run. */
  private static double lastCpu;

  private KafkaAppendBench() {}

  /** One workload: records and, for training consent, their raw inputs. */
  private record Workload(String name, List<PredictionRecord> records,
      List<RawPayload> inputs) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int inputBytes = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
    int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    boolean distinct = args.length > 4 && args[4].equals("distinct");
    if (args.length > 4 && !distinct && !args[4].equals("hot")) {
      throw new IllegalArgumentException("records must be hot or distinct but was " + args[4]);
    }
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    try (KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("log.retention.ms", "-1").build()) {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      String bootstrap = kit.bootstrapServers();
      List<Workload> workloads = List.of(
          workload("monitoring", n, Consent.MONITORING, 0, distinct ? n : HOT),
          workload("training", n, Consent.TRAINING, inputBytes, distinct ? n : HOT));
      List<String> topics = new ArrayList<>();
      for (Workload w : workloads) {
        for (int rep = -warmups; rep < repeats; rep++) {
          topics.add("ciclo-" + w.name() + rep);
          topics.add("raw-" + w.name() + rep);
        }
      }
      try (Admin a = kit.admin()) {
        a.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList())
            .all().get();
      }
      probe(bootstrap, topics);
      // one key store for the whole run, as a server holds one for its lifetime: its cache of
      // subject keys is warm after the warm-up round, as it is in a server after its first minute
      // (a store made per timed run read the 5,000 subjects' key files again in every run)
      SubjectKeyStore keys = SubjectKeyStore.directory(Files.createTempDirectory("bench-keys"));
      for (Workload w : workloads) {
        // warm-up (untimed): the log's bytes, read back, are what the raw producer sends; then
        // more untimed rounds of both, until the JIT and the broker's log segments settle (with
        // one round the raw side still doubled its rate between the first and last repeats)
        append(bootstrap, "ciclo-" + w.name() + (-warmups), keys, w);
        List<ConsumerRecord<byte[], byte[]>> same =
            readAll(bootstrap, "ciclo-" + w.name() + (-warmups), n);
        send(bootstrap, "raw-" + w.name() + (-warmups), same);
        for (int rep = -warmups + 1; rep < 0; rep++) {
          append(bootstrap, "ciclo-" + w.name() + rep, keys, w);
          send(bootstrap, "raw-" + w.name() + rep, same);
        }
        double[] ratios = new double[repeats];
        double[] cpuRatios = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
          double ciclo;
          double raw;
          double cicloCpu;
          double rawCpu;
          if (rep % 2 == 0) {
            ciclo = append(bootstrap, "ciclo-" + w.name() + rep, keys, w);
            cicloCpu = lastCpu;
            raw = send(bootstrap, "raw-" + w.name() + rep, same);
            rawCpu = lastCpu;
          } else {
            raw = send(bootstrap, "raw-" + w.name() + rep, same);
            rawCpu = lastCpu;
            ciclo = append(bootstrap, "ciclo-" + w.name() + rep, keys, w);
            cicloCpu = lastCpu;
          }
          ratios[rep] = raw / ciclo;
          cpuRatios[rep] = rawCpu / cicloCpu;
          System.out.printf("%s repeat %d: Ciclo %.0f records/s, raw KafkaProducer %.0f"
              + " records/s, ratio %.3f; CPU (this JVM, broker included) %.0f vs %.0f us/record,"
              + " ratio %.3f%n", w.name(), rep, n / ciclo, n / raw, ratios[rep],
              cicloCpu * 1e6 / n, rawCpu * 1e6 / n, cpuRatios[rep]);
        }
        long bytes = same.stream().mapToLong(m -> m.value().length).sum();
        System.out.printf("%s: median ratio Ciclo / raw producer %.3f (goal >= 0.8), CPU-time"
            + " ratio %.3f; %d records of %d bytes on average%n", w.name(), median(ratios),
            median(cpuRatios), n, bytes / n);
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * The workload: {@code n} records, made from {@code unique} distinct records and inputs in
   * turn ({@link #HOT} by default, as a server appends the record it has just made, still in the
   * CPU's caches; {@code n} with the argument {@code distinct}, where every append reads a record
   * from memory).
   */
  private static Workload workload(String name, int n, Consent consent, int inputBytes,
      int unique) {
    List<PredictionRecord> pool = new ArrayList<>(unique);
    List<RawPayload> poolInputs = new ArrayList<>(unique);
    // recent times: the broker refuses times far ahead and time retention is off
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < unique; i++) {
      pool.add(PredictionRecord.of("r" + i, t0.plusMillis(i), "digits", "3",
          Map.of("rms", Signal.of(0.001 * (i % 1000)), "snr_db", Signal.of(i % 30),
              "device", Signal.of(i % 2 == 0 ? "android" : "ios")),
          Integer.toString(i % 10), Map.of(Integer.toString(i % 10), 0.9),
          Duration.ofMillis(3), consent, "user-" + (i % 5000)));
      if (inputBytes > 0) {
        byte[] x = new byte[inputBytes];
        random.nextBytes(x);
        poolInputs.add(RawPayload.of("audio/wav", x)); // as a server has it from the request
      }
    }
    List<PredictionRecord> records = new ArrayList<>(n);
    List<RawPayload> inputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      records.add(pool.get(i % unique));
      if (inputBytes > 0) {
        inputs.add(poolInputs.get(i % unique));
      }
    }
    return new Workload(name, records, inputs);
  }

  /** Sends one probe message to every partition and waits for it: the broker leads them all. */
  private static void probe(String bootstrap, List<String> topics) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (String t : topics) {
        for (int part = 0; part < 3; part++) {
          acks.add(p.send(new ProducerRecord<>(t, part, PROBE.getBytes(), new byte[0])));
        }
      }
      for (java.util.concurrent.Future<?> f : acks) {
        f.get();
      }
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("enable.idempotence", true);
    p.put("linger.ms", 5);
    p.put("max.in.flight.requests.per.connection", 5);
    p.put("max.request.size", 1 << 20);
    p.put("max.block.ms", 60_000);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Seconds to append the workload through the log, flush and close it. */
  private static double append(String bootstrap, String topic, SubjectKeyStore keys,
      Workload w) {
    long c0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, topic, keys).maxBlock(Duration.ofSeconds(60)).build()) {
      List<PredictionRecord> records = w.records();
      if (w.inputs().isEmpty()) {
        for (PredictionRecord r : records) {
          log.append(r);
        }
      } else {
        for (int i = 0; i < records.size(); i++) {
          log.append(records.get(i), w.inputs().get(i));
        }
      }
      log.flush();
      if (log.acknowledged() != records.size()) {
        throw new IllegalStateException("only " + log.acknowledged() + " acknowledged");
      }
    }
    lastCpu = (OS.getProcessCpuTime() - c0) / 1e9;
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Seconds for a raw producer to send the same messages, flush and close. */
  private static double send(String bootstrap, String topic,
      List<ConsumerRecord<byte[], byte[]>> same) {
    long c0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (ConsumerRecord<byte[], byte[]> m : same) {
        producer.send(new ProducerRecord<>(topic, null, m.timestamp(), m.key(), m.value()));
      }
      producer.flush();
    }
    lastCpu = (OS.getProcessCpuTime() - c0) / 1e9;
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The messages the log wrote (without the probes). */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic,
      int n) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("enable.auto.commit", false);
    p.put("max.partition.fetch.bytes", 4 << 20);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(n);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      while (out.size() < n) {
        for (ConsumerRecord<byte[], byte[]> m : c.poll(Duration.ofMillis(200))) {
          if (!Arrays.equals(PROBE.getBytes(), m.key())) {
            out.add(m);
          }
        }
      }
    }
    return out;
  }
}
