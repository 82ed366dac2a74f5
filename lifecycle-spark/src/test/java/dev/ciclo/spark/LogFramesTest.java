package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.kafka.KafkaPredictionLog;
import dev.ciclo.kafka.SubjectKeyStore;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.WindowReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFramesTest {
  static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int N = 1_200;
  @TempDir Path dir;

  /** Record i: 2 per second over 10 windows; from window 5 on, rms is shifted and iOS rarer. */
  static PredictionRecord record(int i) {
    SplittableRandom r = new SplittableRandom(i * 31L + 7);
    boolean changed = i >= N / 2;
    Map<String, Signal> s = new LinkedHashMap<>();
    if (i % 97 != 3) {
      s.put("rms", Signal.of(r.nextGaussian() + (changed ? 1.0 : 0)));
    }
    s.put("device", Signal.of(r.nextDouble() < (changed ? 0.2 : 0.5) ? "ios" : "android"));
    String p = Integer.toString(r.nextInt(3));
    Consent c = i % 3 == 0 ? Consent.MONITORING : Consent.TRAINING;
    return PredictionRecord.of("r" + i, T0.plusMillis(i * 500L), "digits", "1", s, p,
        Map.of(p, 0.4 + 0.5 * r.nextDouble()), Duration.ofMillis(1), c, "user-" + (i % 11));
  }

  static double[] referenceRms() {
    SplittableRandom r = new SplittableRandom(5);
    double[] out = new double[2_000];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.nextGaussian();
    }
    return out;
  }

  static LogMonitor.Builder configure(LogMonitor.Builder b) {
    return b.clock(InstantSource.fixed(T0.plus(WINDOW.multipliedBy(10)))).start(T0)
        .window(WINDOW)
        .numericFeature("rms", referenceRms())
        .categoricalFeature("device", Map.of("ios", 1000L, "android", 1000L))
        .predictions(Map.of("0", 700L, "1", 700L, "2", 700L));
  }

  static void log(PredictionLog log) {
    for (int i = 0; i < N; i++) {
      byte[] x = ("input " + i).getBytes(StandardCharsets.UTF_8);
      log.append(record(i), RawPayload.of("application/octet-stream", x));
    }
  }

  /** Spark's drift over a frame equals a monitor reading the log itself: reports and alerts. */
  static void assertSameDrift(PredictionLog log, LogFrames.LogFrame frame) {
    LogMonitor single = configure(LogMonitor.builder("m", log)).build();
    List<Alert> expected = single.poll();
    LogMonitor decider = configure(LogMonitor.builder("m")).build();
    List<Alert> actual = SparkDrift.builder(decider).start(T0).window(WINDOW).build()
        .run(frame.signals(List.of("rms"), List.of("device")));
    List<WindowReport> a = single.report().windows();
    List<WindowReport> b = decider.report().windows();
    assertEquals(10, a.size());
    assertEquals(a.size(), b.size());
    for (int w = 0; w < a.size(); w++) {
      // a window of 120 values is held exactly by the sketch: the same numbers
      assertEquals(a.get(w), b.get(w), "window " + w);
    }
    assertFalse(expected.isEmpty(), "the shift raises alerts");
    assertEquals(expected.stream().map(x -> x.subject() + "|" + x.since()).toList(),
        actual.stream().map(x -> x.subject() + "|" + x.since()).toList());
  }

  private static List<Path> segments(Path d) throws Exception {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "predictions-*.jsonl")) {
      s.forEach(out::add);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Test
  @DisplayName("the file log's segments read on Spark give its records; a torn and a damaged"
      + " line are counted, not fatal; drift from the frame equals the monitor's own reading")
  void fileLog() throws Exception {
    try (FilePredictionLog log = FilePredictionLog.builder(dir)
        .maxSegmentBytes(64 * 1024).build()) {
      log(log);
    }
    List<Path> segs = segments(dir);
    assertTrue(segs.size() > 2, "several segments: " + segs.size());
    // a damaged line in an older segment (a flipped digit), a torn one at the end of the last
    byte[] first = Files.readAllBytes(segs.get(0));
    String text = new String(first, StandardCharsets.UTF_8);
    int at = text.indexOf("\"rms\":") + 7;
    first[at] = (byte) (first[at] == '1' ? '2' : '1');
    Files.write(segs.get(0), first);
    Files.write(segs.get(segs.size() - 1), "{\"v\":2,\"id\":\"torn".getBytes(
        StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    SparkSession spark = TestSpark.session();
    LogFrames.LogFrame frame = LogFrames.fileLog(spark, dir);
    List<PredictionRecord> read = frame.records().collectAsList().stream()
        .map(LogFrames::record).sorted(Comparator.comparing(PredictionRecord::time)).toList();
    try (FilePredictionLog log = FilePredictionLog.builder(dir).build()) {
      List<PredictionRecord> own = log.read(Instant.EPOCH, Instant.MAX).toList();
      assertEquals(N - 1, own.size());
      assertEquals(own.stream().sorted(Comparator.comparing(PredictionRecord::time)).toList(),
          read);
      assertEquals(2, frame.undecodable());
      Row r = frame.records().where("request_id = 'r4'").first();
      assertEquals("TRAINING", r.getAs("consent"));
      assertEquals(dev.ciclo.core.log.PayloadStore.sha256("input 4".getBytes(
          StandardCharsets.UTF_8)), r.getAs("input_sha256"));
      assertTrue(frame.records().where("request_id = 'r3'").first()
          .isNullAt(LogFrames.SCHEMA.fieldIndex("input_sha256")), "monitoring: no input");
      assertSameDrift(log, frame);
    }
  }

  @Test
  @DisplayName("a log frame written as Parquet reads back the same; other Parquet is refused")
  void parquet() {
    SparkSession spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(LogFrames.row(record(i)));
    }
    String path = dir.resolve("log.parquet").toString();
    spark.createDataFrame(rows, LogFrames.SCHEMA).write().parquet(path);
    LogFrames.LogFrame back = LogFrames.parquet(spark, path);
    assertEquals(0, back.undecodable());
    List<PredictionRecord> read = back.records().collectAsList().stream().map(LogFrames::record)
        .sorted(Comparator.comparing(PredictionRecord::time)).toList();
    assertEquals(Stream.iterate(0, i -> i + 1).limit(300).map(LogFramesTest::record).toList(),
        read);
    Map<String, Double> rms = back.signals(List.of("rms"), List.of()).collectAsList().stream()
        .filter(r -> !r.isNullAt(r.fieldIndex("rms")))
        .collect(Collectors.toMap(r -> r.getAs("request_id"), r -> r.getAs("rms")));
    assertEquals(((Signal.Numeric) record(10).signals().get("rms")).value(), rms.get("r10"));
    assertFalse(rms.containsKey("r3"), "no rms signal: null, as the monitor counts it bad");

    String other = dir.resolve("other.parquet").toString();
    spark.range(3).write().parquet(other);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogFrames.parquet(spark, other));
    assertTrue(e.getMessage().contains("has no column 'request_id'"), e.getMessage());
  }

  @Test
  @DisplayName("Spark's Kafka source reads the Kafka log (real KRaft broker): its records, a"
      + " foreign message counted, a message written twice read once; drift equals the"
      + " monitor's; features extracted from the"
      + " sealed FSDD clips equal in-process ones, monitoring-only records never included")
  void kafka() throws Exception {
    try (TestKafka broker = new TestKafka()) {
      kafka(broker);
    }
  }

  private void kafka(TestKafka broker) throws Exception {
    String bootstrap = broker.bootstrap();
    broker.createTopic("spark-log", 3);
    Path keys = dir.resolve("keys");
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, "spark-log",
        SubjectKeyStore.directory(keys)).allowMediaType("application/octet-stream")
        .readTimeout(Duration.ofSeconds(30)).build()) {
      log(log);
      log.flush();
      broker.sendRaw("spark-log", "not a Ciclo record".getBytes(StandardCharsets.UTF_8),
          T0.toEpochMilli());
      // two messages appended again as the producer does after an epoch bump: same key, value
      // and time, so on the same partition
      List<Row> raw = TestSpark.session().read().format("kafka")
          .option("kafka.bootstrap.servers", bootstrap).option("subscribe", "spark-log")
          .load().orderBy("partition", "offset").limit(2).collectAsList();
      for (Row m : raw) {
        broker.sendRaw("spark-log", m.getAs("key"), m.getAs("value"),
            m.<Timestamp>getAs("timestamp").getTime());
      }
      LogFrames.LogFrame frame = LogFrames.kafka(TestSpark.session(), bootstrap, "spark-log",
          Map.of());
      List<PredictionRecord> read = frame.records().collectAsList().stream()
          .map(LogFrames::record).sorted(Comparator.comparing(PredictionRecord::time)).toList();
      assertEquals(log.read(Instant.EPOCH, T0.plus(Duration.ofDays(1))).toList(), read);
      assertEquals(2, log.repeated(), "the copies are on the topic, where the log meets them");
      assertEquals(N, read.size());
      assertEquals(1, frame.undecodable());
      assertSameDrift(log, frame);
    }

    broker.createTopic("spark-clips", 2);
    Path clipKeys = dir.resolve("clip-keys");
    Path store = dir.resolve("clip-payloads");
    LoggedClips logged = new LoggedClips(24);
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, "spark-clips",
        SubjectKeyStore.directory(clipKeys)).payloadStore(store).inlineLimit(12_000)
        .readTimeout(Duration.ofSeconds(30)).build()) {
      logged.logTo(log);
      log.flush();
    }
    String keyDir = clipKeys.toString();
    String storeDir = store.toString();
    SparkFeatures<AudioClip> job = SparkFeatures.of(
        SparkFeatures.logPayloads(() -> KafkaPredictionLog.builder(bootstrap, "spark-clips",
            SubjectKeyStore.directory(Path.of(keyDir))).payloadStore(Path.of(storeDir))
            .readTimeout(Duration.ofSeconds(30)).build()),
        LoggedClips::decode, () -> MfccSummary.builder().build());
    List<Row> rows = job.extract(LogFrames.kafka(TestSpark.session(), bootstrap, "spark-clips",
        Map.of()).records(), LoggedClips.MODEL).collectAsList();
    MfccSummary inProcess = MfccSummary.builder().build();
    Map<String, LoggedClips.Clip> training = new LinkedHashMap<>();
    logged.clips.stream().filter(c -> c.consent() == Consent.TRAINING)
        .forEach(c -> training.put(c.requestId(), c));
    Map<String, String> status = rows.stream().collect(Collectors.toMap(
        r -> r.getAs("request_id"), r -> r.getAs("status")));
    Map<String, String> want = new LinkedHashMap<>();
    training.keySet().forEach(id -> want.put(id, SparkFeatures.OK));
    want.put("not-a-wav", SparkFeatures.UNDECODABLE);
    assertEquals(want, status);
    for (Row r : rows) {
      LoggedClips.Clip c = training.get((String) r.getAs("request_id"));
      if (c == null) {
        continue;
      }
      FeatureVector v = inProcess.extract(LoggedClips.decode(RawPayload.of("audio/wav",
          c.wav())));
      List<Double> got = r.getList(r.fieldIndex("features"));
      double[] g = got.stream().mapToDouble(Double::doubleValue).toArray();
      assertTrue(java.util.Arrays.equals(v.toArray(), g), c.requestId());
    }
  }
}
