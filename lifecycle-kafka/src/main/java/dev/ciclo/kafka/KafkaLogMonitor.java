package dev.ciclo.kafka;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.AlertListener;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.core.log.MessageCopies;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.WindowSketches;
import dev.ciclo.monitor.vocabulary.VocabularySummarizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LogMonitor} over a {@link KafkaPredictionLog}'s topic, read as a Kafka consumer group,
 * that evaluates each window once even when its process is killed.
 *
 * <p><b>Windows</b> are tumbling windows of record time aligned to the epoch ({@code [k·w,
 * (k+1)·w)}); a window with no record produces nothing. A window closes when the clock has passed
 * its end plus the allowed lateness and every partition of the topic has either been read to its
 * end or shown a record at or past that point. It is then tested by the monitor that {@link
 * #builder} was given ({@link LogMonitor#closeWindow}: the same tests, corrections and alert
 * rules as on a file log), and a subject alerts when it starts drifting, as {@link LogMonitor}
 * does. A record older than the end of the last closed window is late: it is counted ({@link
 * #late()}) and not used. Messages that do not decode are skipped and counted ({@link
 * #undecodable()}), and so is the second copy of a message the producer sent twice ({@link
 * #repeated()}).
 *
 * <p><b>Each window once.</b> A closed window's report and alerts are written atomically to the
 * results directory ({@code window-NNNNNN.json}, {@link dev.ciclo.monitor.report.ReportWriter}'s
 * JSON), then the listeners hear its alerts, then the monitor's own state ({@code
 * state.properties}: windows closed, the end of the last one, the subjects drifting, the offsets
 * to resume from) is replaced atomically, and only then are the offsets committed to the group.
 * The offsets resumed from are those of the oldest record not yet in a closed window, so a
 * restart after a crash (kill -9 included) reads again exactly the records of the windows that
 * were still open and evaluates them as an uninterrupted run would: same windows, same reports,
 * same alerts. Every alert carries a stable id in {@code details().get(ALERT_ID)}, derived from
 * the monitor's name, the window's bounds, the subject and the test, so a listener told the same
 * alert twice (a crash after telling it and before the state was written) can recognise it; the
 * results directory holds each alert once. Each alert's {@code raisedAt} is the end of its window
 * (record time, not the clock's), which is what makes a replayed window's alerts equal.
 *
 * <p><b>Text fields.</b> A text field's vocabulary ({@link LogMonitor.Builder#textField}) is
 * summarised per window and per partition with the monitor's {@link
 * LogMonitor#summarizer(String) summarizer}: a partition's records arrive in the order they were
 * appended, so each partition gives one run of the field's sequential test (CUSUM) per window,
 * the same in every run. At the window's close the partitions' summaries are merged in partition
 * order and the tracker applies their runs by first record time, then partition number: a
 * window's result does not depend on how the consumer interleaved the partitions (it is that of
 * reading each partition's texts in turn, which may differ from reading the whole topic in time
 * order where partitions' texts overlap in time). The test's statistic carries across windows: it
 * is saved in {@code state.properties} with the window that produced it (the same atomic write
 * that records the window as closed; {@link LogMonitor#vocabularyStatistics()}) and handed back
 * to the tracker before each window closes ({@link LogMonitor#resumeVocabularyStatistics}), so
 * the windows after a restart equal an uninterrupted run's. A text field's tokenizer must be
 * {@link java.io.Serializable} (as for Spark; the default is).
 *
 * <p><b>No data.</b> A window whose records carry none of the signals the monitor reads raises
 * one {@link Severity#WARNING} alert on {@link LogMonitor#NO_DATA}, as {@link LogMonitor} does
 * per poll; it is raised again only after a window whose records carried a signal.
 *
 * <p><b>Limits.</b> One monitor process per group: it reads every partition itself (a window
 * needs all of them), so it assigns them rather than sharing them in a rebalance. The monitor
 * builder given is rebuilt for each window (it is stateless between windows; the drifting
 * subjects live here): give listeners to this builder, not to that one, whose listeners would
 * hear every drifting subject in every window; its text fields' trackers are shared by those
 * builds, their statistic restored from the state before each window. Late labels are not read
 * from Kafka. A record more than the lateness behind its partition's newest record may be counted
 * late in one run and used in another.
 *
 * <p>Not thread-safe: one thread polls.
 */
public final class KafkaLogMonitor implements AutoCloseable {
  /** The key, in each alert's details, of its stable id. */
  public static final String ALERT_ID = "alertId";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaLogMonitor.class);

  private final String name;
  private final String topic;
  private final String bootstrap;
  private final LogMonitor.Builder monitor;
  private final long windowMillis;
  private final long latenessMillis;
  private final InstantSource clock;
  private final Duration pollTimeout;
  private final MonitorResults results;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
  private final WindowSketches shape;
  private final Map<String, VocabularySummarizer> summarizers = new LinkedHashMap<>();
  private final TreeMap<Long, Open> open = new TreeMap<>();
  private final Map<TopicPartition, Long> newest = new HashMap<>();
  /** Each partition's recent messages, to skip a second copy of one. */
  private final Map<TopicPartition, MessageCopies> copies = new HashMap<>();
  private Instant windowEnd = Instant.EPOCH;
  private MonitorResults.State state;
  private Set<TopicPartition> assigned = Set.of();
  private long late;
  private long undecodable;
  private long repeated;

  /**
   * A window still being read: its summary per partition (each filled in its partition's order,
   * so one vocabulary run per partition) and the first offset it holds per partition.
   */
  private static final class Open {
    final TreeMap<Integer, WindowSketches> parts = new TreeMap<>();
    final Map<TopicPartition, Long> firstOffset = new HashMap<>();
    long withSignals;
    long read;
  }

  private KafkaLogMonitor(Builder b) {
    this.bootstrap = b.bootstrap;
    this.topic = b.topic;
    this.monitor = b.monitor;
    this.windowMillis = b.window.toMillis();
    this.latenessMillis = b.lateness.toMillis();
    this.clock = b.clock;
    this.pollTimeout = b.pollTimeout;
    this.listeners.addAll(b.listeners);
    // raisedAt and the report's time are the closing window's end: a replay gives equal alerts
    monitor.clock(() -> windowEnd);
    LogMonitor probe = monitor.build();
    this.name = probe.name();
    this.shape = probe.newWindow();
    for (String f : shape.textFields()) {
      try {
        summarizers.put(f, probe.summarizer(f));
      } catch (IllegalStateException e) {
        throw new IllegalStateException("monitor " + name + ": text field '" + f + "' needs a"
            + " Serializable tokenizer to be summarised per partition: " + e.getMessage(), e);
      }
    }
    this.results = new MonitorResults(b.results);
    this.state = results.load();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, b.groupId == null ? "ciclo-monitor-" + name : b.groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1 << 20);
    p.putAll(b.consumerProps);
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * A builder.
   *
   * @param bootstrapServers Kafka's bootstrap servers
   * @param topic the prediction log's topic
   * @param monitor the monitor's name, reference data and decision rule (its clock is replaced by
   *     the closing window's end, and it is rebuilt for every window)
   * @param resultsDirectory where window reports, alerts and the monitor's state are kept (one
   *     directory per monitor; created if missing)
   * @return a new builder
   */
  public static Builder builder(String bootstrapServers, String topic, LogMonitor.Builder monitor,
      Path resultsDirectory) {
    return new Builder(bootstrapServers, topic, monitor, resultsDirectory);
  }

  /** Configures a {@link KafkaLogMonitor}. */
  public static final class Builder {
    private final String bootstrap;
    private final String topic;
    private final LogMonitor.Builder monitor;
    private final Path results;
    private String groupId;
    private Duration window = Duration.ofHours(1);
    private Duration lateness = Duration.ZERO;
    private InstantSource clock = InstantSource.system();
    private Duration pollTimeout = Duration.ofMillis(500);
    private final List<AlertListener> listeners = new ArrayList<>();
    private final Map<String, Object> consumerProps = new HashMap<>();

    private Builder(String bootstrap, String topic, LogMonitor.Builder monitor, Path results) {
      this.bootstrap = notBlank(bootstrap, "bootstrapServers");
      this.topic = notBlank(topic, "topic");
      this.monitor = Objects.requireNonNull(monitor, "monitor");
      this.results = Objects.requireNonNull(results, "resultsDirectory");
    }

    private static String notBlank(String v, String name) {
      Objects.requireNonNull(v, name);
      if (v.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return v;
    }

    /**
     * The consumer group whose offsets the monitor commits; default {@code ciclo-monitor-} and
     * the monitor's name.
     *
     * @param value not blank
     * @return this builder
     */
    public Builder groupId(String value) {
      this.groupId = notBlank(value, "groupId");
      return this;
    }

    /**
     * The window length; default one hour.
     *
     * @param value at least one millisecond
     * @return this builder
     */
    public Builder window(Duration value) {
      Objects.requireNonNull(value, "window");
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException("window must be at least 1 ms but was " + value);
      }
      this.window = value;
      return this;
    }

    /**
     * How long after a window's end records may still arrive for it; default none.
     *
     * @param value not negative
     * @return this builder
     */
    public Builder lateness(Duration value) {
      Objects.requireNonNull(value, "lateness");
      if (value.isNegative()) {
        throw new IllegalArgumentException("lateness must not be negative but was " + value);
      }
      this.lateness = value;
      return this;
    }

    /**
     * The clock that says which windows may be complete; default the system clock.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How long one {@link #poll()} waits for records; default 500 ms.
     *
     * @param value not negative
     * @return this builder
     */
    public Builder pollTimeout(Duration value) {
      Objects.requireNonNull(value, "pollTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException("pollTimeout must not be negative but was " + value);
      }
      this.pollTimeout = value;
      return this;
    }

    /**
     * Hears each closed window's alerts after they are durable (at least once; see the class
     * comment).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(AlertListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * An extra consumer setting (security, {@code max.poll.records}, ...); offsets are always
     * committed by the monitor.
     *
     * @param key the setting
     * @param value its value
     * @return this builder
     */
    public Builder consumerProperty(String key, Object value) {
      Objects.requireNonNull(key, "key");
      if (key.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)) {
        throw new IllegalArgumentException(key + " is fixed by the monitor (false)");
      }
      consumerProps.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the monitor and reads its state from the results directory; does not contact the
     * broker.
     *
     * @return the monitor
     * @throws CicloException if the results directory cannot be read
     * @throws IllegalStateException if a text field's tokenizer is not {@link
     *     java.io.Serializable}
     */
    public KafkaLogMonitor build() {
      return new KafkaLogMonitor(this);
    }
  }

  /**
   * Reads what the topic holds now (one consumer poll), closes every window that is complete,
   * and returns their alerts. The first call resumes where the last closed window left off.
   *
   * @return the alerts of the windows closed by this call, oldest first
   * @throws CicloException if the broker cannot be read or the results cannot be written (the
   *     windows not yet written stay open: call again)
   */
  public List<Alert> poll() {
    List<Alert> out = new ArrayList<>();
    try {
      assign();
      ConsumerRecords<byte[], byte[]> batch = consumer.poll(pollTimeout);
      for (ConsumerRecord<byte[], byte[]> m : batch) {
        accept(m);
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
      while (!open.isEmpty() && complete(open.firstKey() + windowMillis, ends)) {
        out.addAll(closeFirst());
      }
    } catch (KafkaException e) {
      throw new CicloException("monitor '" + name + "' cannot read topic " + topic
          + " from Kafka at " + bootstrap + ": " + e.getMessage(), e);
    }
    return out;
  }

  private void assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    Set<TopicPartition> parts = new LinkedHashSet<>();
    if (infos != null) {
      infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
    }
    if (parts.equals(assigned)) {
      return;
    }
    consumer.assign(parts);
    for (TopicPartition p : parts) {
      Long resume = state.offsets().get(p.partition());
      if (!assigned.contains(p) && resume != null) {
        // the state is written before the group's commit: it is never behind the group
        consumer.seek(p, resume);
      }
    }
    assigned = Set.copyOf(parts);
  }

  private void accept(ConsumerRecord<byte[], byte[]> m) {
    TopicPartition p = new TopicPartition(m.topic(), m.partition());
    if (!copies.computeIfAbsent(p, k -> new MessageCopies()).first(m.value())) {
      repeated++; // before decoding, as the log's own scans do
      LOG.debug("monitor {}: topic {} partition {} offset {}: skipped a second copy of a message",
          name, topic, m.partition(), m.offset());
      return;
    }
    PredictionRecord r;
    try {
      r = Envelope.decode(m.value()).record();
    } catch (RuntimeException e) {
      undecodable++;
      LOG.warn("monitor {}: topic {} partition {} offset {}: skipped a message that does not"
          + " decode: {}", name, topic, m.partition(), m.offset(), e.getMessage());
      return;
    }
    long t = r.time().toEpochMilli();
    newest.merge(p, t, Math::max);
    if (t < state.doneUntil()) {
      late++;
      LOG.debug("monitor {}: record {} at {} is older than the last closed window's end", name,
          r.requestId(), r.time());
      return;
    }
    long start = Math.floorDiv(t, windowMillis) * windowMillis;
    Open w = open.computeIfAbsent(start, k -> new Open());
    w.firstOffset.putIfAbsent(p, m.offset());
    w.read++;
    for (String s : signalNames()) {
      if (r.signals().containsKey(s)) {
        w.withSignals++;
        break;
      }
    }
    w.parts.computeIfAbsent(m.partition(), k -> monitor.build().newWindow())
        .add(r, summarizers);
  }

  /** The input signals the monitor reads, in {@link LogMonitor}'s order. */
  private List<String> signalNames() {
    List<String> out = new ArrayList<>(shape.numericFeatures());
    out.addAll(shape.categoricalFeatures());
    out.addAll(shape.textFields());
    return out;
  }

  /** Whether nothing more can arrive for a window ending at {@code end}. */
  private boolean complete(long end, Map<TopicPartition, Long> ends) {
    long due = end + latenessMillis;
    if (clock.instant().toEpochMilli() < due) {
      return false;
    }
    for (TopicPartition p : assigned) {
      boolean readAll = consumer.position(p) >= ends.getOrDefault(p, 0L);
      if (!readAll && newest.getOrDefault(p, Long.MIN_VALUE) < due) {
        return false;
      }
    }
    return true;
  }

  /** Tests the oldest open window, makes its results durable, tells, saves state, commits. */
  private List<Alert> closeFirst() {
    Map.Entry<Long, Open> first = open.firstEntry();
    long startMillis = first.getKey();
    Open w = first.getValue();
    Instant start = Instant.ofEpochMilli(startMillis);
    Instant end = Instant.ofEpochMilli(startMillis + windowMillis);
    int index = state.windows();
    windowEnd = end;
    LogMonitor m = monitor.build();
    // partitions merged in number order: each text field's runs apply by first time, then
    // partition, whatever the consumer's interleaving
    WindowSketches all = m.newWindow();
    w.parts.values().forEach(all::merge);
    // the text trackers continue from the statistic saved with the last closed window (after a
    // restart, or a close that failed to write and is tried again)
    Map<String, Double> carried = new TreeMap<>();
    for (String f : summarizers.keySet()) {
      carried.put(f, state.vocabulary().getOrDefault(f, 0.0));
    }
    m.resumeVocabularyStatistics(carried);
    List<Alert> raw = m.closeWindow(start, end, all);
    Map<String, Double> carry = m.vocabularyStatistics();
    MonitorReport fresh = m.report();
    WindowReport r0 = fresh.windows().get(0);
    WindowReport report = new WindowReport(index, start, end, r0.records(), r0.skippedRecords(),
        r0.badValues(), r0.badSegment(), r0.tested(), r0.results(), r0.datasetDrifted());

    Set<String> drifting = new LinkedHashSet<>(state.drifting());
    List<Alert> alerts = new ArrayList<>();
    for (Alert a : raw) {
      if (!drifting.contains(a.subject())) {
        alerts.add(withId(a, index, start, end));
      }
    }
    if (report.tested()) { // LogMonitor's rule: a subject alerts again after a calm window
      for (Map.Entry<String, DriftTestResult> e : report.results().entrySet()) {
        if (e.getValue().drifted()) {
          drifting.add(e.getKey());
        } else {
          drifting.remove(e.getKey());
        }
      }
      if (report.datasetDrifted()) {
        drifting.add("dataset");
      } else {
        drifting.remove("dataset");
      }
    }
    boolean starved = state.starved();
    long noData = state.noDataAlerts();
    List<String> signals = signalNames();
    if (!signals.isEmpty() && w.read > 0) {
      if (w.withSignals > 0) {
        starved = false;
      } else if (!starved) {
        starved = true;
        noData++;
        alerts.add(withId(new Alert(name, LogMonitor.NO_DATA, "no-data", Severity.WARNING,
            w.read, start, end, "none of the " + w.read + " records read carries the signals"
            + " this monitor reads " + signals + ": the served model declares no such signal,"
            + " or the log's privacy policy drops them", Map.of("records",
            Long.toString(w.read), "signals", String.join(", ", signals))), index, start, end));
      }
    }
    MonitorReport report1 = new MonitorReport(name, end, List.of(report), alerts, List.of(),
        fresh.recordsRead(), fresh.recordsSkipped(), fresh.badValues(), 0, noData,
        fresh.rule());
    results.writeWindow(index, report1);
    for (Alert a : alerts) {
      for (AlertListener l : listeners) {
        try {
          l.onAlert(a);
        } catch (RuntimeException e) {
          LOG.warn("alert listener {} failed on alert {}", l, a.details().get(ALERT_ID), e);
        }
      }
    }
    open.remove(startMillis);
    Map<Integer, Long> resume = new TreeMap<>();
    for (TopicPartition p : assigned) {
      long at = consumer.position(p);
      for (Open o : open.values()) {
        at = Math.min(at, o.firstOffset.getOrDefault(p, Long.MAX_VALUE));
      }
      resume.put(p.partition(), at);
    }
    state = new MonitorResults.State(index + 1, end.toEpochMilli(), List.copyOf(drifting),
        starved, noData, resume, carry);
    results.saveState(state);
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    resume.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
    consumer.commitSync(commit);
    LOG.debug("monitor {}: window {} [{}, {}) closed, {} alerts", name, index, start, end,
        alerts.size());
    return alerts;
  }

  private Alert withId(Alert a, int index, Instant start, Instant end) {
    String key = name + '\n' + start + '\n' + end + '\n' + a.subject() + '\n' + a.detector();
    Map<String, String> details = new LinkedHashMap<>(a.details());
    details.put("window", Integer.toString(index)); // this monitor's count, across restarts
    details.put(ALERT_ID,
        UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
    return new Alert(a.monitor(), a.subject(), a.detector(), a.severity(), a.magnitude(),
        a.since(), a.raisedAt(), a.message(), details);
  }

  /**
   * The monitor's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Windows closed so far, across restarts.
   *
   * @return the count
   */
  public int windowsClosed() {
    return state.windows();
  }

  /**
   * Windows being read (not yet complete).
   *
   * @return the count
   */
  public int openWindows() {
    return open.size();
  }

  /**
   * Records read since this process started that were older than the last closed window's end
   * (including, after a restart, records of windows closed before the crash that are read
   * again).
   *
   * @return the count
   */
  public long late() {
    return late;
  }

  /**
   * Messages read since this process started that did not decode (skipped).
   *
   * @return the count
   */
  public long undecodable() {
    return undecodable;
  }

  /**
   * Second copies of messages read since this process started and not used: a message whose
   * value is byte-identical to one read shortly before on its partition, as Kafka's idempotent
   * producer writes after an epoch bump ({@link MessageCopies}); counted here whether or not its
   * window is still open.
   *
   * @return the count
   */
  public long repeated() {
    return repeated;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(10));
  }
}
