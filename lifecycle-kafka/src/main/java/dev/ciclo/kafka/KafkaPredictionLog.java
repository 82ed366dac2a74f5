package dev.ciclo.kafka;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.FieldsPayload;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.core.log.MessageCopies;
import dev.ciclo.core.log.PayloadStore;
import dev.ciclo.core.log.PrivacyPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PredictionLog} on an Apache Kafka topic.
 *
 * <p><b>Writes.</b> An idempotent producer with {@code acks=all}; each record is one message keyed
 * by its subject (so one subject's records stay in order on one partition; a record with no
 * subject is keyed by its request id), its Kafka timestamp the record's time, its value the
 * record in Ciclo's versioned record format ({@link dev.ciclo.core.log.PredictionRecordJson}) in a
 * small envelope. {@link #append} hands the message to the producer and returns: delivery is
 * asynchronous. A message the broker has acknowledged is counted in {@link #acknowledged()}; one
 * that fails (the broker is unreachable past the delivery timeout) is counted in {@link
 * #notLogged()} with its error, and the next {@link #flush()} throws {@link CicloException}
 * naming it. When the producer cannot even take a message (no broker metadata within the
 * {@code maxBlock} time, for example a broker down at start), {@code append} counts it as not
 * logged and throws {@link CicloException} at once. Brokers refuse a message whose timestamp is
 * more than {@code message.timestamp.after.max.ms} (one hour by default) ahead of their clock:
 * such a record (a client clock far ahead) is counted as not logged.
 *
 * <p><b>Consent and raw inputs</b>, as in the file log: a record under {@code NONE} is not sent;
 * under {@code MONITORING} the record keeps its signals (after the {@link PrivacyPolicy}); under
 * {@code TRAINING} the raw input is kept too, <em>encrypted</em> (AES-256-GCM) with its subject's
 * key from the {@link SubjectKeyStore}: inline in the message up to {@code inlineLimit} bytes
 * (default 256 KiB), larger ones in a {@link PayloadStore} by reference.
 *
 * <p><b>Erasure on an append-only log</b> (crypto-shredding): {@link #erase} deletes the
 * subject's key. The messages stay until topic retention removes them, but no raw input of the
 * subject can be decrypted again, in any replica or copy of the topic; every other subject's can.
 * Signals and predictions (kept under monitoring consent) are not encrypted: a privacy policy
 * that hashes or buckets identifying signals is the tool for them.
 *
 * <p><b>Reads.</b> {@link #read} scans the topic from the first offset at or after {@code from}
 * (by timestamp) to the end offsets seen when it starts, returns the records in {@code [from, to)}
 * ordered by time; a message that does not decode (another schema version, truncated, not
 * Ciclo's) is skipped, counted in {@link #undecodable()} and logged. A message byte-identical to
 * one read shortly before on its partition (a batch the producer appended again after a broker
 * restart or a leader change, which Kafka's idempotent producer does not always prevent; see
 * {@link MessageCopies}) is read once and the copy counted in {@link #repeated()}. {@link
 * #payload} decrypts a
 * record's input: it keeps the still-encrypted inputs of the records the last {@code read}
 * returned (up to 64 MiB), so that a window read and then its payloads (the maintenance loop's
 * way of reading its training data) costs one scan; for other records it finds the message on
 * its subject's partition.
 *
 * <p>Thread-safe.
 */
public final class KafkaPredictionLog implements PredictionLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPredictionLog.class);

  private final String bootstrap;
  private final String topic;
  private final SubjectKeyStore keys;
  private final PayloadStore payloads;
  private final int inlineLimit;
  private final long maxPayloadBytes;
  private final Set<String> mediaTypes;
  private final PrivacyPolicy policy;
  private final Duration readTimeout;
  private final Map<String, Object> consumerProps;
  private final KafkaProducer<byte[], byte[]> producer;
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder notLogged = new LongAdder();
  private final LongAdder undecodable = new LongAdder();
  private final LongAdder repeated = new LongAdder();
  private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
  /**
   * The encrypted inputs of the records the last {@link #read} returned (up to {@link
   * #RECENT_BYTES}), so that reading a window and then its records' payloads (what the
   * maintenance loop does) does not scan the topic once per payload. Still sealed: {@link
   * #payload} needs the subject's key as always, so erasure holds.
   */
  private volatile Map<String, Envelope> recent = Map.of();
  private static final long RECENT_BYTES = 64L << 20;
  private volatile boolean closed;

  private KafkaPredictionLog(Builder b) {
    this.bootstrap = b.bootstrap;
    this.topic = b.topic;
    this.keys = b.keys;
    this.payloads = b.payloadDir == null ? null : PayloadStore.open(b.payloadDir);
    this.inlineLimit = b.inlineLimit;
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.mediaTypes = Set.copyOf(b.mediaTypes);
    this.policy = b.policy;
    this.readTimeout = b.readTimeout;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) b.deliveryTimeout.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.min(30_000, b.deliveryTimeout.toMillis() / 2));
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, b.maxBlock.toMillis());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, b.inlineLimit + (64 << 10)));
    p.putAll(b.producerProps);
    this.consumerProps = new HashMap<>(b.consumerProps);
    // before the producer exists, so that nothing is left open if the wait throws
    awaitLeaders(b.maxBlock);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Waits until the leader of every partition of the topic answers for it (a ListOffsets request
   * per partition, which only a leader that has applied the partition's creation answers).
   * Brokers before Kafka 4.5 lose records otherwise (KAFKA-15591): an idempotent producer's first
   * batch to a partition whose leader has not applied the topic's creation yet is refused as
   * retriable, a later batch to it is appended, and the first one is retried as out of order
   * until its delivery timeout. A topic created just before the log met it on the second of
   * twenty tries with eight partitions. Best effort: a cluster that does not answer within {@code
   * maxBlock} (down at start) or leaders that do not answer within the read timeout leave appends
   * as documented, with a warning.
   */
  private void awaitLeaders(Duration maxBlock) {
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      List<TopicPartition> parts = partitions(c, maxBlock);
      if (!parts.isEmpty()) { // else not created yet: the producer's first send creates it
        c.endOffsets(parts, readTimeout);
      }
    } catch (KafkaException e) {
      LOG.warn("Kafka at {}: could not confirm that every partition of topic {} has a leader"
          + " ({}); appends go on, and records the broker refuses are counted as not logged",
          bootstrap, topic, e.toString());
    }
  }

  /**
   * A builder.
   *
   * @param bootstrapServers Kafka's bootstrap servers, {@code host:port[,host:port]}
   * @param topic the topic (create it with the partitions and replication you need; otherwise
   *     the broker's automatic creation applies)
   * @param keys the per-subject key store
   * @return a new builder
   */
  public static Builder builder(String bootstrapServers, String topic, SubjectKeyStore keys) {
    return new Builder(bootstrapServers, topic, keys);
  }

  /** Configures a {@link KafkaPredictionLog}. */
  public static final class Builder {
    private final String bootstrap;
    private final String topic;
    private final SubjectKeyStore keys;
    private Path payloadDir;
    private int inlineLimit = 256 << 10;
    private long maxPayloadBytes = 16L << 20;
    private final Set<String> mediaTypes = new LinkedHashSet<>(List.of("audio/wav",
        "audio/x-wav", "text/plain;charset=utf-8", "application/json",
        "application/octet-stream"));
    private PrivacyPolicy policy = PrivacyPolicy.keepAll();
    private Duration deliveryTimeout = Duration.ofMinutes(2);
    private Duration maxBlock = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(30);
    private final Map<String, Object> producerProps = new HashMap<>();
    private final Map<String, Object> consumerProps = new HashMap<>();

    private Builder(String bootstrap, String topic, SubjectKeyStore keys) {
      this.bootstrap = notBlank(bootstrap, "bootstrapServers");
      this.topic = notBlank(topic, "topic");
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    private static String notBlank(String v, String name) {
      Objects.requireNonNull(v, name);
      if (v.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return v;
    }

    /**
     * Where raw inputs over the inline limit go (encrypted). Default: none, and such inputs are
     * refused with {@link AppendOutcome#PAYLOAD_TOO_LARGE}.
     *
     * @param directory the payload store's directory
     * @return this builder
     */
    public Builder payloadStore(Path directory) {
      this.payloadDir = Objects.requireNonNull(directory, "payloadStore");
      return this;
    }

    /**
     * The largest raw input kept inline in its message; default 256 KiB.
     *
     * @param bytes at least 0 and at most 16 MiB
     * @return this builder
     */
    public Builder inlineLimit(int bytes) {
      if (bytes < 0 || bytes > (16 << 20)) {
        throw new IllegalArgumentException("inlineLimit must be between 0 and 16777216 but was "
            + bytes);
      }
      this.inlineLimit = bytes;
      return this;
    }

    /**
     * The largest raw input kept at all; default 16 MiB, as the file log.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxPayloadBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes must be at least 1 but was " + bytes);
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /**
     * Also accepts raw inputs of this media type (the defaults are those of the file log).
     *
     * @param mediaType the media type
     * @return this builder
     */
    public Builder allowMediaType(String mediaType) {
      mediaTypes.add(RawPayload.normalise(mediaType));
      return this;
    }

    /**
     * What is kept of each record's signals; default keep all.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder privacyPolicy(PrivacyPolicy value) {
      this.policy = Objects.requireNonNull(value, "privacyPolicy");
      return this;
    }

    /**
     * How long the producer keeps trying to deliver a message before it counts it as not
     * logged; default 2 minutes (Kafka's default).
     *
     * @param value at least 1 second
     * @return this builder
     */
    public Builder deliveryTimeout(Duration value) {
      Objects.requireNonNull(value, "deliveryTimeout");
      if (value.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("deliveryTimeout must be at least 1 s but was "
            + value);
      }
      this.deliveryTimeout = value;
      return this;
    }

    /**
     * How long {@code append} may wait for the producer to take a message (broker metadata,
     * buffer space); default 2 s, so a server calling it keeps answering when Kafka is down.
     *
     * @param value not negative
     * @return this builder
     */
    public Builder maxBlock(Duration value) {
      Objects.requireNonNull(value, "maxBlock");
      if (value.isNegative()) {
        throw new IllegalArgumentException("maxBlock must not be negative but was " + value);
      }
      this.maxBlock = value;
      return this;
    }

    /**
     * How long a read waits for the broker before it fails; default 30 s.
     *
     * @param value positive
     * @return this builder
     */
    public Builder readTimeout(Duration value) {
      Objects.requireNonNull(value, "readTimeout");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("readTimeout must be positive but was " + value);
      }
      this.readTimeout = value;
      return this;
    }

    /**
     * An extra producer setting (security, compression, ...); acks and idempotence stay as
     * they are.
     *
     * @param key the setting
     * @param value its value
     * @return this builder
     */
    public Builder producerProperty(String key, Object value) {
      if (key.equals(ProducerConfig.ACKS_CONFIG)
          || key.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)) {
        throw new IllegalArgumentException(key + " is fixed by the log (acks=all, idempotent)");
      }
      producerProps.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * An extra consumer setting for reads (security, ...).
     *
     * @param key the setting
     * @param value its value
     * @return this builder
     */
    public Builder consumerProperty(String key, Object value) {
      consumerProps.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value,
          "value"));
      return this;
    }

    /**
     * Builds the log and waits until every partition of its topic has a leader that answers for
     * it: up to {@code maxBlock} to reach the cluster and learn the partitions, then up to the
     * read timeout for their leaders (milliseconds on a healthy cluster). A topic created just
     * before would otherwise lose its first records on brokers before Kafka 4.5 (KAFKA-15591).
     * A cluster that does not answer in time is logged as a warning and not an error: appends
     * then fail or succeed as documented.
     *
     * @return the log
     */
    public KafkaPredictionLog build() {
      if (inlineLimit > maxPayloadBytes) {
        inlineLimit = (int) maxPayloadBytes;
      }
      return new KafkaPredictionLog(this);
    }
  }

  @Override
  public boolean append(PredictionRecord record) {
    Objects.requireNonNull(record, "record");
    noInput(record);
    if (!record.consent().allowsLogging()) {
      return false;
    }
    send(record, Envelope.encode(kept(record)));
    return true;
  }

  @Override
  public AppendOutcome append(PredictionRecord record, Payload input) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(input, "input");
    noInput(record);
    if (!record.consent().allowsTraining()) {
      return append(record) ? AppendOutcome.LOGGED : AppendOutcome.NO_CONSENT;
    }
    if (input instanceof RawPayload && !mediaTypes.contains(input.mediaType())) {
      return AppendOutcome.UNKNOWN_MEDIA_TYPE;
    }
    byte[] plain = input.canonicalBytes();
    if (plain.length > maxPayloadBytes || (plain.length > inlineLimit && payloads == null)) {
      return AppendOutcome.PAYLOAD_TOO_LARGE;
    }
    PayloadRef ref = new PayloadRef(PayloadStore.sha256(plain), input.mediaType(), plain.length);
    PredictionRecord kept = kept(record); // written with ref as its input, not copied
    SecretKey key = keys.keyFor(record.subjectId());
    byte[] value;
    if (plain.length <= inlineLimit) {
      value = Envelope.encodeInline(kept, ref, key, plain);
    } else {
      byte[] sealed = Sealing.seal(key, record.requestId(), plain);
      PayloadRef stored;
      try {
        stored = payloads.put(RawPayload.of("application/octet-stream", sealed));
      } catch (CicloException e) {
        notLogged.increment();
        LOG.warn("request {}: its input could not be stored; record not logged",
            record.requestId(), e);
        return AppendOutcome.WRITE_FAILED;
      }
      value = Envelope.encodeStored(kept, ref, stored.sha256(), sealed.length);
    }
    send(record, value);
    return AppendOutcome.LOGGED;
  }

  private PredictionRecord kept(PredictionRecord r) {
    // keep-all (the default) keeps the record as it is: no copy of its signals per append
    return policy == PrivacyPolicy.keepAll() ? r : r.withSignals(policy.apply(r.signals()));
  }

  private static void noInput(PredictionRecord record) {
    if (record.input().isPresent()) {
      throw new IllegalArgumentException("record " + record.requestId()
          + " must not reference an input before it is logged; pass the payload to append");
    }
  }

  private static byte[] key(PredictionRecord r) {
    return (r.subjectId().isEmpty() ? r.requestId() : r.subjectId())
        .getBytes(StandardCharsets.UTF_8);
  }

  private void send(PredictionRecord r, byte[] value) {
    if (closed) {
      throw new IllegalStateException("prediction log on topic " + topic + " is closed");
    }
    ProducerRecord<byte[], byte[]> m =
        new ProducerRecord<>(topic, null, r.time().toEpochMilli(), key(r), value);
    Thread caller = Thread.currentThread();
    AtomicReference<Exception> atOnce = new AtomicReference<>();
    try {
      producer.send(m, (meta, e) -> {
        if (e == null) {
          acknowledged.increment();
          return;
        }
        notLogged.increment();
        if (Thread.currentThread() == caller && atOnce.get() == null) {
          atOnce.set(e); // failed inside send (no metadata within maxBlock): thrown below
          return;
        }
        if (lastFailure.getAndSet(e) == null) {
          LOG.warn("Kafka at {} did not acknowledge record {} on topic {}: {}", bootstrap,
              r.requestId(), topic, e.toString());
        }
      });
    } catch (KafkaException e) {
      notLogged.increment();
      atOnce.set(e);
    }
    Exception e = atOnce.get();
    if (e != null) {
      throw new CicloException("Kafka at " + bootstrap + " did not take record "
          + r.requestId() + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until every message handed to the producer is acknowledged or has failed.
   *
   * @throws CicloException if a message failed since the last flush (the records not logged are
   *     counted in {@link #notLogged()})
   */
  public void flush() {
    producer.flush();
    Exception e = lastFailure.getAndSet(null);
    if (e != null) {
      throw new CicloException("Kafka at " + bootstrap + " did not acknowledge some records on "
          + "topic " + topic + " (" + notLogged.sum() + " not logged so far): " + e.getMessage(),
          e);
    }
  }

  /**
   * Messages the broker acknowledged.
   *
   * @return the count
   */
  public long acknowledged() {
    return acknowledged.sum();
  }

  /**
   * Records that consent allowed but that were not logged (the producer refused or failed them).
   *
   * @return the count
   */
  public long notLogged() {
    return notLogged.sum();
  }

  /**
   * Messages that reads skipped because they did not decode.
   *
   * @return the count
   */
  public long undecodable() {
    return undecodable.sum();
  }

  /**
   * Second copies of messages that reads skipped: a message whose value is byte-identical to one
   * read shortly before on its partition, as Kafka's idempotent producer writes after an epoch
   * bump ({@link MessageCopies}). Each read counts the copies it met, so reading the same range
   * twice counts them twice.
   *
   * @return the count
   */
  public long repeated() {
    return repeated.sum();
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1 << 20, inlineLimit << 1));
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) readTimeout.toMillis());
    p.putAll(consumerProps);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> c) {
    return partitions(c, readTimeout);
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> c, Duration timeout) {
    List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
    List<TopicPartition> out = new ArrayList<>();
    if (infos != null) {
      for (PartitionInfo i : infos) {
        out.add(new TopicPartition(topic, i.partition()));
      }
    }
    return out;
  }

  @Override
  public Stream<PredictionRecord> read(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from " + from + " but was " + to);
    }
    List<PredictionRecord> out = new ArrayList<>();
    Map<String, Envelope> sealed = new java.util.concurrent.ConcurrentHashMap<>();
    long[] sealedBytes = {0};
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      List<TopicPartition> parts = partitions(c);
      scan(c, parts, from.toEpochMilli(), e -> {
        PredictionRecord r = e.record();
        if (!r.time().isBefore(from) && r.time().isBefore(to)) {
          out.add(r);
          if (e.kind() != Envelope.NONE) {
            long size = e.kind() == Envelope.INLINE ? e.inline().length : 64;
            if (sealedBytes[0] + size <= RECENT_BYTES) {
              sealedBytes[0] += size;
              sealed.put(r.requestId(), e);
            }
          }
        }
        return true;
      }, null);
      recent = sealed;
    } catch (KafkaException e) {
      throw new CicloException("cannot read topic " + topic + " from Kafka at " + bootstrap
          + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(PredictionRecord::time));
    return out.stream();
  }

  /** What a scan does with each decoded message; false stops the scan. */
  private interface Visitor {
    boolean visit(Envelope e);
  }

  /**
   * Reads the partitions from the first offset at or after {@code fromMillis} to the end offsets
   * seen now; messages with a key other than {@code onlyKey} (when given) are not decoded.
   */
  private void scan(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts, long fromMillis,
      Visitor v, byte[] onlyKey) {
    if (parts.isEmpty()) {
      return;
    }
    c.assign(parts);
    Map<TopicPartition, Long> end = c.endOffsets(parts, readTimeout);
    Map<TopicPartition, Long> query = new HashMap<>();
    parts.forEach(p -> query.put(p, fromMillis));
    Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(query, readTimeout);
    List<TopicPartition> open = new ArrayList<>();
    for (TopicPartition p : parts) {
      OffsetAndTimestamp s = starts.get(p);
      long stop = end.getOrDefault(p, 0L);
      if (s != null && s.offset() < stop) {
        c.seek(p, s.offset());
        open.add(p);
      }
    }
    c.assign(open);
    long deadline = System.nanoTime() + readTimeout.toNanos();
    Map<Integer, MessageCopies> copies = new HashMap<>();
    while (!open.isEmpty()) {
      var batch = c.poll(Duration.ofMillis(200));
      if (batch.isEmpty() && System.nanoTime() > deadline) {
        throw new CicloException("reading topic " + topic + " from Kafka at " + bootstrap
            + " made no progress for " + readTimeout + " on " + open);
      }
      if (!batch.isEmpty()) {
        deadline = System.nanoTime() + readTimeout.toNanos();
      }
      for (ConsumerRecord<byte[], byte[]> m : batch) {
        TopicPartition p = new TopicPartition(m.topic(), m.partition());
        if (m.offset() >= end.get(p)) {
          continue;
        }
        if (onlyKey != null && !java.util.Arrays.equals(onlyKey, m.key())) {
          continue;
        }
        if (!copies.computeIfAbsent(m.partition(), k -> new MessageCopies()).first(m.value())) {
          repeated.increment();
          LOG.debug("topic {} partition {} offset {}: skipped a second copy of a message", topic,
              m.partition(), m.offset());
          continue;
        }
        Envelope e;
        try {
          e = Envelope.decode(m.value());
        } catch (RuntimeException ex) {
          undecodable.increment();
          LOG.warn("topic {} partition {} offset {}: skipped a message that does not decode: {}",
              topic, m.partition(), m.offset(), ex.getMessage());
          continue;
        }
        if (!v.visit(e)) {
          return;
        }
      }
      open.removeIf(p -> c.position(p, readTimeout) >= end.get(p));
      c.assign(open);
    }
  }

  @Override
  public Optional<Payload> payload(PredictionRecord record) {
    Objects.requireNonNull(record, "record");
    if (record.input().isEmpty()) {
      return Optional.empty();
    }
    Optional<SecretKey> key = keys.find(record.subjectId());
    if (key.isEmpty()) {
      return Optional.empty(); // erased (or never logged here)
    }
    AtomicReference<Envelope> found = new AtomicReference<>();
    Envelope hit = recent.get(record.requestId());
    if (hit != null && hit.record().time().equals(record.time())
        && hit.record().subjectId().equals(record.subjectId())) {
      return open(record, key.get(), hit);
    }
    byte[] k = key(record);
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      List<TopicPartition> parts = partitions(c);
      if (parts.isEmpty()) {
        return Optional.empty();
      }
      int p = Utils.toPositive(Utils.murmur2(k)) % parts.size();
      scan(c, List.of(new TopicPartition(topic, p)), record.time().toEpochMilli(), e -> {
        if (e.record().requestId().equals(record.requestId())) {
          found.set(e);
          return false;
        }
        return true;
      }, k);
    } catch (KafkaException e) {
      throw new CicloException("cannot read topic " + topic + " from Kafka at " + bootstrap
          + ": " + e.getMessage(), e);
    }
    return open(record, key.get(), found.get());
  }

  /**
   * Opens the raw input of one of this log's messages read by something other than this class
   * (Spark's Kafka source, say, on each executor), from the message's value alone: an inline
   * input is decrypted from the value with its subject's key. An input kept in the payload store
   * is not read (see {@link #openMessage(byte[], SubjectKeyStore, PayloadStore)}). As {@link
   * #payload}, it honours erasure: an erased subject's input is empty.
   *
   * @param value the message's value, as the topic holds it
   * @param keys the log's subject key store (build it once and reuse it: it is thread-safe)
   * @return the input, or empty when the message has none inline, its subject is erased, or the
   *     decrypted bytes do not match the record's SHA-256
   * @throws IllegalArgumentException if the value is not one of this log's messages (another
   *     format version, truncated)
   */
  public static Optional<Payload> openMessage(byte[] value, SubjectKeyStore keys) {
    return openMessage(Envelope.decode(value), Objects.requireNonNull(keys, "keys"), null);
  }

  /**
   * Like {@link #openMessage(byte[], SubjectKeyStore)}, and an input kept by reference is read
   * from the log's payload store (its sealed bytes) and decrypted.
   *
   * @param value the message's value, as the topic holds it
   * @param keys the log's subject key store
   * @param payloads the log's payload store ({@link Builder#payloadStore})
   * @return the input, or empty when the message has none, its subject is erased, the stored
   *     bytes are gone, or the decrypted bytes do not match the record's SHA-256
   * @throws IllegalArgumentException if the value is not one of this log's messages
   */
  public static Optional<Payload> openMessage(byte[] value, SubjectKeyStore keys,
      PayloadStore payloads) {
    return openMessage(Envelope.decode(value), Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(payloads, "payloads"));
  }

  private static Optional<Payload> openMessage(Envelope e, SubjectKeyStore keys,
      PayloadStore payloads) {
    if (e.kind() == Envelope.NONE || e.record().input().isEmpty()) {
      return Optional.empty();
    }
    Optional<SecretKey> key = keys.find(e.record().subjectId());
    return key.isEmpty() ? Optional.empty() : open(e.record(), key.get(), e, payloads);
  }

  /** Decrypts a found message's input (in the message or the payload store). */
  private Optional<Payload> open(PredictionRecord record, SecretKey key, Envelope e) {
    return open(record, key, e, payloads);
  }

  private static Optional<Payload> open(PredictionRecord record, SecretKey key, Envelope e,
      PayloadStore payloads) {
    if (e == null || e.kind() == Envelope.NONE) {
      return Optional.empty();
    }
    byte[] sealed = e.inline();
    if (e.kind() == Envelope.STORED) {
      if (payloads == null) {
        return Optional.empty();
      }
      Optional<Payload> blob = payloads.get(new PayloadRef(e.storedSha(),
          "application/octet-stream", e.storedSize()));
      if (blob.isEmpty()) {
        return Optional.empty();
      }
      sealed = blob.get().canonicalBytes();
    }
    Optional<byte[]> plain = Sealing.open(key, record.requestId(), sealed);
    if (plain.isEmpty()) {
      return Optional.empty(); // sealed under a key that was since replaced: erased
    }
    PayloadRef ref = record.input().get();
    if (!PayloadStore.sha256(plain.get()).equals(ref.sha256())) {
      LOG.warn("request {}: the decrypted input does not match its SHA-256; not returned",
          record.requestId());
      return Optional.empty();
    }
    return Optional.of(decode(ref.mediaType(), plain.get()));
  }

  private static Payload decode(String mediaType, byte[] bytes) {
    return switch (mediaType) {
      case Payload.TENSOR_MEDIA_TYPE -> TensorPayload.fromCanonicalBytes(bytes);
      case Payload.FIELDS_MEDIA_TYPE -> FieldsPayload.fromCanonicalBytes(bytes);
      default -> RawPayload.of(mediaType, bytes);
    };
  }

  /**
   * Erases a subject by deleting its key: its raw inputs in this topic (and every copy of it)
   * can no longer be read. Records stay until topic retention removes them.
   *
   * @param subjectId the subject, not blank
   * @return how many of the subject's records had a raw input that is now unreadable
   */
  @Override
  public long erase(String subjectId) {
    Objects.requireNonNull(subjectId, "subjectId");
    if (subjectId.isBlank()) {
      throw new IllegalArgumentException("subjectId must not be blank");
    }
    boolean had = keys.delete(subjectId);
    if (!had) {
      return 0;
    }
    long[] n = {0};
    byte[] k = subjectId.getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      List<TopicPartition> parts = partitions(c);
      if (!parts.isEmpty()) {
        int p = Utils.toPositive(Utils.murmur2(k)) % parts.size();
        scan(c, List.of(new TopicPartition(topic, p)), 0, e -> {
          if (e.kind() != Envelope.NONE) {
            n[0]++;
          }
          return true;
        }, k);
      }
    } catch (KafkaException e) {
      throw new CicloException("subject " + subjectId + " is erased (its key is deleted) but "
          + "its records could not be counted: " + e.getMessage(), e);
    }
    return n[0];
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    producer.close(Duration.ofSeconds(30));
    if (payloads != null) {
      payloads.close();
    }
  }
}
