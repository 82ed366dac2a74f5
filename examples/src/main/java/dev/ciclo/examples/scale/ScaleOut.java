package dev.ciclo.examples.scale;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.tribuo.TribuoClassifiers;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.kafka.KafkaPredictionLog;
import dev.ciclo.kafka.SubjectKeyStore;
import dev.ciclo.monitor.LogMonitor;

import dev.ciclo.monitor.WindowReport;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.spark.LogFrames;
import dev.ciclo.spark.SparkDrift;
import dev.ciclo.spark.SparkFeatures;
import dev.ciclo.spark.SparkScoring;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The scale-out walk: a KRaft broker (Apache Kafka's own, in this JVM, standing in for a
 * cluster), an inference server logging 100,000 predictions with mixed consent to a Kafka topic,
 * the topic read by Spark's own Kafka source ({@link LogFrames#kafka}), a Spark drift job over it
 * decided by a {@link LogMonitor}, a Spark batch-scoring job with the same model, and the erasure
 * of one subject by deleting its key: its inputs can no longer be read, through the log or by
 * Spark's executors opening the messages ({@link SparkFeatures#messagePayloads}).
 *
 * <p>The traffic: 100 requests of 1,000 rows each (four features), one simulated minute apart;
 * consent cycles none, monitoring, training by request, 20 subjects; from request 50 on, feature
 * {@code x0} shifts by one standard deviation.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am compile exec:java
 * -Dexec.mainClass=dev.ciclo.examples.scale.ScaleOut}
 */
public final class ScaleOut {
  static final List<String> NAMES = List.of("x0", "x1", "x2", "x3");
  /**
   * The simulated traffic starts three hours ago: Kafka stores each record's time as its message
   * timestamp, and a broker refuses timestamps more than an hour ahead of its own clock
   * ({@code message.timestamp.after.max.ms}).
   */
  static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
      .minus(Duration.ofHours(3));
  static final Duration WINDOW = Duration.ofMinutes(10);
  static final String MODEL = "blobs";
  static final String TOPIC = "predictions";

  private ScaleOut() {}

  /** What the walk found, for its test. */
  public record Outcome(long sent, long logged, long acknowledged, long notLogged,
      List<WindowReport> windows, List<Alert> alerts, long scored, long scoredAgree,
      long erasedInputs, long erasedReadable, long othersReadable, long sparkErasedReadable,
      long sparkOthersReadable, long sparkOthersInputs) {}

  /**
   * Runs the walk with 100,000 predictions in a fresh temporary folder, printing to standard out.
   *
   * @param args ignored
   * @throws Exception if the broker, Spark or the server fails
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("ciclo-scale-out");
    run(System.out, 100_000, work);
  }

  private static double[] point(SplittableRandom r, int c, boolean shifted) {
    double[][] centres = {{0, 0, 0, 0}, {3, 3, 0, 0}, {0, 3, 3, 3}};
    double[] v = new double[4];
    for (int d = 0; d < 4; d++) {
      v[d] = centres[c][d] + r.nextGaussian();
    }
    if (shifted) {
      v[0] += 1.0;
    }
    return v;
  }

  /** A clock the walk moves: one minute per request. */
  private static final class Minutes extends Clock {
    final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  /**
   * Runs the walk: a KRaft broker in this JVM, the predictions logged through the server with
   * mixed consent, the Spark drift and scoring jobs, the report, and one subject's erasure.
   * Not thread-safe: one walk at a time per folder.
   *
   * @param out where the walk prints its steps
   * @param predictions how many predictions to log, in requests of 1,000
   * @param work a folder for the broker, the keys, the payloads and Spark
   * @return what the walk found, for its test
   * @throws Exception if the broker, Spark or the server fails
   */
  public static Outcome run(PrintStream out, int predictions, Path work) throws Exception {
    int perRequest = 1_000;
    int requests = predictions / perRequest;
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1").build()) {
      kafka.format();
      kafka.startup();
      kafka.waitForReadyBrokers();
      try (Admin a = kafka.admin()) {
        a.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
      }
      out.println("1. Kafka (KRaft, one broker) at " + kafka.bootstrapServers() + ", topic "
          + TOPIC + " with 4 partitions");

      SplittableRandom r = new SplittableRandom(42);
      List<Example<FeatureVector, String>> train = new ArrayList<>();
      double[][] reference = new double[4][3_000];
      for (int i = 0; i < 3_000; i++) {
        double[] v = point(r, i % 3, false);
        train.add(Example.of("t" + i, FeatureVector.of(NAMES, v), "class" + (i % 3)));
        for (int d = 0; d < 4; d++) {
          reference[d][i] = v[d];
        }
      }
      Model<FeatureVector, String> model = TribuoClassifiers
          .logisticRegression(FeatureExtractor.identity(), 10).train(Dataset.of("blobs", train),
              1);
      Path modelFile = work.resolve("blobs.model");
      ModelFiles.save(model, modelFile);
      out.println("2. trained a logistic regression on 3,000 points, saved to " + modelFile);

      Minutes clock = new Minutes();
      long sent = 0;
      long logged = 0;
      try (KafkaPredictionLog log = KafkaPredictionLog.builder(kafka.bootstrapServers(), TOPIC,
              SubjectKeyStore.directory(work.resolve("keys"))).build();
          InferenceServer server = InferenceServer.builder().port(0).clock(clock)
              .predictionLog(log)
              .serve(ServedModel.features(MODEL, model, NAMES,
                  List.of(FeatureVector.of(NAMES, new double[4]))))
              .build().start()) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI infer = URI.create(server.uri() + "/v2/models/" + MODEL + "/infer");
        for (int q = 0; q < requests; q++) {
          Consent consent = Consent.values()[q % 3];
          StringBuilder data = new StringBuilder();
          for (int i = 0; i < perRequest; i++) {
            double[] v = point(r, i % 3, q >= requests / 2);
            for (double x : v) {
              data.append(data.length() == 0 ? "" : ",").append(x);
            }
          }
          String body = "{\"id\":\"q" + q + "\",\"parameters\":{\"consent\":\""
              + consent.name().toLowerCase(Locale.ROOT) + "\",\"subject_id\":\"user-" + (q % 20)
              + "\"},\"inputs\":[{\"name\":\"x\",\"shape\":[" + perRequest
              + ",4],\"datatype\":\"FP64\",\"data\":[" + data + "]}]}";
          HttpResponse<String> a = http.send(HttpRequest.newBuilder(infer)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (a.statusCode() != 200) {
            throw new IOException("request q" + q + " got " + a.statusCode() + ": " + a.body());
          }
          sent += perRequest;
          logged += consent.allowsLogging() ? perRequest : 0;
          clock.millis.addAndGet(Duration.ofMinutes(1).toMillis());
        }
        log.flush();
        out.printf(Locale.ROOT, "3. served %,d predictions in %d requests; consent allowed %,d to"
            + " be logged; Kafka acknowledged %,d, not logged %d%n", sent, requests, logged,
            log.acknowledged(), log.notLogged());

        SparkSession spark = SparkSession.builder().master("local[2]").appName("ciclo-scale-out")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
          // Spark's own Kafka source reads the topic; the executors decode Ciclo's records
          LogFrames.LogFrame fromKafka = LogFrames.kafka(spark, kafka.bootstrapServers(), TOPIC,
              Map.of());
          var frame = fromKafka.signals(NAMES, List.of()).repartition(4).cache();
          long records = frame.count();
          out.printf(Locale.ROOT, "4. Spark read the topic with its Kafka source: %,d records,"
              + " %d undecodable%n", records, fromKafka.undecodable());
          LogMonitor.Builder b = LogMonitor.builder("scale-out").clock(clock).start(T0)
              .window(WINDOW);
          for (int d = 0; d < NAMES.size(); d++) {
            b.numericFeature(NAMES.get(d), reference[d]);
          }
          LogMonitor monitor = b.build();
          List<Alert> alerts = SparkDrift.builder(monitor).start(T0).window(WINDOW).build()
              .run(frame);
          List<WindowReport> windows = monitor.report().windows();
          out.printf(Locale.ROOT, "5. Spark drift job over %,d logged records, windows of %d"
              + " minutes:%n", records, WINDOW.toMinutes());
          for (WindowReport w : windows) {
            List<String> drifted = w.results().entrySet().stream()
                .filter(e -> e.getValue().drifted()).map(Map.Entry::getKey).toList();
            out.printf(Locale.ROOT, "   window %d from %s: %,d records, drifted %s%n", w.index(),
                w.start(), w.records(), drifted);
          }
          for (Alert a : alerts) {
            out.println("   ALERT " + a.message());
          }

          var scored = SparkScoring.of(SparkScoring.savedModel(modelFile,
                  () -> TribuoModelLoader.of(FeatureExtractor.identity())),
              row -> FeatureVector.of(NAMES, new double[] {row.<Double>getAs("x0"),
                  row.<Double>getAs("x1"), row.<Double>getAs("x2"), row.<Double>getAs("x3")}),
              1_024)
              .score(frame.drop("confidence").withColumnRenamed("prediction", "logged"));
          long total = scored.count();
          long agree = scored.where(scored.col("logged").equalTo(scored.col("prediction")))
              .count();
          out.printf(Locale.ROOT, "6. Spark batch scoring with the saved model: %,d rows, %,d"
              + " answers equal the served ones%n", total, agree);

          String erased = "user-2";
          List<PredictionRecord> readBack = log.read(T0, clock.instant()).toList();
          List<PredictionRecord> theirs = readBack.stream()
              .filter(p -> p.subjectId().equals(erased) && p.input().isPresent()).limit(5)
              .toList();
          List<PredictionRecord> others = readBack.stream()
              .filter(p -> p.subjectId().equals("user-5") && p.input().isPresent()).limit(5)
              .toList();
          long before = theirs.stream().filter(p -> log.payload(p).isPresent()).count();
          long n = log.erase(erased);
          long after = theirs.stream().filter(p -> log.payload(p).isPresent()).count();
          long othersOk = others.stream().filter(p -> log.payload(p).isPresent()).count();
          out.printf(Locale.ROOT, "7. erased %s: %,d of its logged inputs shredded (key deleted);"
              + " of 5 sampled, readable before %d, after %d; another subject's %d of %d still"
              + " readable%n", erased, n, before, after, othersOk, others.size());

          // the same on Spark: executors open the inputs from the messages with the key store
          String keyDir = work.resolve("keys").toString();
          SparkFeatures<FeatureVector> opened = SparkFeatures.of(
              SparkFeatures.messagePayloads(() -> {
                SubjectKeyStore keys = SubjectKeyStore.directory(Path.of(keyDir));
                return message -> KafkaPredictionLog.openMessage(message, keys);
              }),
              p -> FeatureVector.of(List.of("bytes"), new double[] {p.canonicalBytes().length}),
              () -> FeatureExtractor.identity());
          Map<String, long[]> readable = new java.util.TreeMap<>();
          for (var row : opened.extract(fromKafka.recordsWithMessages()
              .where(functions.col("subject").isin(erased, "user-5")), MODEL)
              .groupBy("subject", "status").count().collectAsList()) {
            long[] c = readable.computeIfAbsent(row.getString(0), k -> new long[2]);
            c[0] += row.getString(1).equals(SparkFeatures.OK) ? row.getLong(2) : 0;
            c[1] += row.getLong(2);
          }
          long[] theirsOnSpark = readable.getOrDefault(erased, new long[2]);
          long[] othersOnSpark = readable.getOrDefault("user-5", new long[2]);
          out.printf(Locale.ROOT, "   Spark, opening the messages on its executors: %s %,d of %,d"
              + " inputs readable, user-5 %,d of %,d%n", erased, theirsOnSpark[0],
              theirsOnSpark[1], othersOnSpark[0], othersOnSpark[1]);
          return new Outcome(sent, logged, log.acknowledged(), log.notLogged(), windows, alerts,
              total, agree, n, after, othersOk, theirsOnSpark[0], othersOnSpark[0],
              othersOnSpark[1]);
        } finally {
          spark.stop();
        }
      }
    }
  }
}
