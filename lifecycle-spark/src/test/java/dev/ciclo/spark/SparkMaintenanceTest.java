package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.log.PayloadStore;
import dev.ciclo.core.maintain.GateDecision;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.maintain.Recipes;
import dev.ciclo.core.maintain.TrainingInputs;
import dev.ciclo.core.maintain.Trigger;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.kafka.KafkaPredictionLog;
import dev.ciclo.kafka.SubjectKeyStore;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.testkit.Required;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkMaintenanceTest {
  static final String MODEL = "digits";
  static final String TOPIC = "maintained";
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  static final List<String> SIGNALS = List.of("seconds", "mfcc_mean_1", "mfcc_mean_2");
  /** Messages the executors opened (local mode: the executors are this JVM). */
  static final AtomicInteger OPENED = new AtomicInteger();

  @TempDir Path dir;

  /** One FSDD recording. */
  record Clip(String id, String speaker, String digit, byte[] wav) {}

  /** {@code perDigit} recordings of each digit by one speaker, takes {@code from} on. */
  static List<Clip> clips(String speaker, int from, int perDigit) {
    Path data = Required.data("fsdd/recordings");
    List<Clip> out = new ArrayList<>();
    for (int k = from; k < from + perDigit; k++) {
      for (int d = 0; d < 10; d++) {
        Path f = data.resolve(d + "_" + speaker + "_" + k + ".wav");
        try {
          out.add(new Clip(speaker + "-" + d + "-" + k, speaker, Integer.toString(d),
              Files.readAllBytes(f)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  static AudioClip decode(dev.ciclo.api.log.Payload p) {
    return Wav.decode(((RawPayload) p).bytes(), "logged clip");
  }

  /** The monitoring signals the server would log with a clip: its length and two MFCC means. */
  static Map<String, Signal> signals(AudioClip clip, FeatureVector v) {
    Map<String, Signal> s = new LinkedHashMap<>();
    s.put("seconds", Signal.of(clip.duration().toMillis() / 1000.0));
    s.put("mfcc_mean_1", Signal.of(v.get(v.names().indexOf("mfcc_mean_1"))));
    s.put("mfcc_mean_2", Signal.of(v.get(v.names().indexOf("mfcc_mean_2"))));
    return s;
  }

  @Test
  @DisplayName("a Spark drift job over FSDD clips logged to Kafka alerts the maintenance loop,"
      + " which retrains from features Spark extracted from the sealed clips (opened from the"
      + " messages on the executors) and promotes the challenger; only training-consent clips"
      + " were asked for, extracted and trained on, bit for bit the in-process features")
  void driftRetrainsFromSpark() throws Exception {
    MfccSummary mfcc = MfccSummary.builder().build();
    Clock clock = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    // the champion: one speaker only
    List<Example<FeatureVector, String>> first = new ArrayList<>();
    Map<String, double[]> reference = new LinkedHashMap<>();
    List<Map<String, Signal>> refSignals = new ArrayList<>();
    for (Clip c : clips("jackson", 0, 15)) {
      AudioClip a = Wav.decode(c.wav(), c.id());
      FeatureVector v = mfcc.extract(a);
      first.add(new Example<>(c.id(), v, c.digit(), c.speaker(), Set.of(), Map.of()));
      refSignals.add(signals(a, v));
    }
    for (String s : SIGNALS) {
      reference.put(s, refSignals.stream()
          .mapToDouble(m -> ((Signal.Numeric) m.get(s)).value()).toArray());
    }
    Dataset<FeatureVector, String> firstSet = Dataset.of("jackson", first);
    Workspace ws = Workspace.open(dir.resolve("ws"));
    FileModelRegistry registry = FileModelRegistry.builder(ws).clock(clock)
        .loader(TribuoModelLoader.of(FeatureVector.class, FeatureExtractor.identity())).build();
    RunStore runs = RunStore.in(ws);
    TribuoClassifierTrainer<FeatureVector> trainer =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 20);
    RunRecorder.Result<FeatureVector, String> r = RunRecorder.builder().store(runs).clock(clock)
        .build().train(trainer, firstSet, Dataset.of("none", List.of()), 7);
    ModelVersion v1 = registry.register(MODEL, r.model(), r.record());
    registry.setAlias(MODEL, "champion", v1.version(), "first model");
    Predictor<FeatureVector, String> champion =
        registry.load(v1, FeatureVector.class, String.class);

    // traffic from four other speakers; one of them allows monitoring only
    List<Clip> traffic = new ArrayList<>();
    for (String speaker : List.of("george", "nicolas", "theo", "yweweler")) {
      traffic.addAll(clips(speaker, 0, 10));
    }
    Map<String, FeatureVector> inProcess = new LinkedHashMap<>();
    TreeMap<String, String> trainingSha = new TreeMap<>();
    List<LabelRecord> labels = new ArrayList<>();
    try (TestKafka broker = new TestKafka()) {
      String bootstrap = broker.bootstrap();
      broker.createTopic(TOPIC, 3);
      Path keys = dir.resolve("keys");
      try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, TOPIC,
          SubjectKeyStore.directory(keys)).readTimeout(Duration.ofSeconds(30)).build()) {
        for (int i = 0; i < traffic.size(); i++) {
          Clip c = traffic.get(i);
          AudioClip a = Wav.decode(c.wav(), c.id());
          FeatureVector x = mfcc.extract(a);
          inProcess.put(c.id(), x);
          var p = champion.predict(x);
          Consent consent = c.speaker().equals("yweweler") ? Consent.MONITORING
              : Consent.TRAINING;
          assertEquals(AppendOutcome.LOGGED, log.append(PredictionRecord.of(c.id(),
              T0.plusSeconds(i), MODEL, "1", signals(a, x), p.value(), p.scores(),
              Duration.ofMillis(3), consent, c.speaker()), RawPayload.of("audio/wav", c.wav())));
          if (consent == Consent.TRAINING) {
            trainingSha.put(c.id(), PayloadStore.sha256(c.wav()));
          }
          labels.add(new LabelRecord(c.id(), c.digit(), T0.plusSeconds(i)));
        }
        // a training-consent clip that is not a WAV: read, but it does not decode
        log.append(PredictionRecord.of("not-a-wav", T0.plusSeconds(traffic.size()), MODEL, "1",
            Map.of(), "3", Map.of("3", 0.5), Duration.ofMillis(3), Consent.TRAINING, "george"),
            RawPayload.of("audio/wav", "RIFF?".getBytes(StandardCharsets.US_ASCII)));
        labels.add(new LabelRecord("not-a-wav", "3", T0.plusSeconds(traffic.size())));
        log.flush();

        SparkSession spark = TestSpark.session();
        String keyDir = keys.toString();
        SparkFeatures<AudioClip> job = SparkFeatures.of(
            SparkFeatures.messagePayloads(() -> {
              SubjectKeyStore k = SubjectKeyStore.directory(Path.of(keyDir));
              return m -> {
                OPENED.incrementAndGet();
                return KafkaPredictionLog.openMessage(m, k);
              };
            }),
            SparkMaintenanceTest::decode, () -> MfccSummary.builder().build());
        TrainingInputs<FeatureVector> fromSpark = job.trainingInputs(
            () -> LogFrames.kafka(spark, bootstrap, TOPIC, Map.of()).recordsWithMessages());
        List<List<String>> asked = new ArrayList<>();
        List<Set<String>> extracted = new ArrayList<>();
        TrainingInputs<FeatureVector> watched = (model, from, to, records) -> {
          asked.add(records.stream().map(PredictionRecord::requestId).sorted().toList());
          TrainingInputs.Inputs<FeatureVector> got = fromSpark.inputs(model, from, to, records);
          extracted.add(got.inputs().keySet());
          return got;
        };

        List<MaintenanceEvent> events = new ArrayList<>();
        MaintenanceLoop<FeatureVector, String> loop =
            MaintenanceLoop.builder(MODEL, FeatureVector.class)
                .registry(registry).runs(runs).log(log).clock(clock)
                .recipes(Recipes.of(List.of(trainer)))
                .trainingInputs(watched)
                .trainingSet(firstSet)
                .gate(PromotionGate.builder().margin(0.05).build())
                // retrain when the dataset drifts (one alert per window), not once per feature
                .alertFilter(a -> a.subject().equals("dataset"))
                .listener(events::add)
                .build();
        labels.forEach(loop::addLabel);

        LogMonitor.Builder b = LogMonitor.builder("fsdd").clock(clock).start(T0)
            .window(Duration.ofHours(1)).listener(loop);
        SIGNALS.forEach(s -> b.numericFeature(s, reference.get(s)));
        LogMonitor monitor = b.build();
        OPENED.set(0);
        List<Alert> alerts = SparkDrift.builder(monitor).start(T0).window(Duration.ofHours(1))
            .build().run(LogFrames.kafka(spark, bootstrap, TOPIC, Map.of())
                .signals(SIGNALS, List.of()));

        assertEquals(List.of("feature:mfcc_mean_1", "feature:mfcc_mean_2", "feature:seconds",
            "dataset"), alerts.stream().map(Alert::subject).toList(),
            "the new speakers drift: " + monitor.report());
        assertEquals(List.of(MaintenanceEvent.Triggered.class, MaintenanceEvent.DatasetBuilt.class,
            MaintenanceEvent.ChallengerTrained.class, MaintenanceEvent.Evaluated.class,
            MaintenanceEvent.GateDecided.class, MaintenanceEvent.Promoted.class),
            events.stream().map(Object::getClass).toList(), "one cycle: " + events);
        List<MaintenanceEvent.Promoted> promoted = events.stream()
            .filter(e -> e instanceof MaintenanceEvent.Promoted)
            .map(e -> (MaintenanceEvent.Promoted) e).toList();
        assertEquals(1, promoted.size(), events.toString());
        MaintenanceEvent.Triggered trigger = events.stream()
            .filter(e -> e instanceof MaintenanceEvent.Triggered)
            .map(e -> (MaintenanceEvent.Triggered) e).findFirst().orElseThrow();
        assertEquals(Trigger.Kind.ALERT, trigger.trigger().kind());
        assertEquals("fsdd/dataset", trigger.trigger().alertId());
        GateDecision d = events.stream().filter(e -> e instanceof MaintenanceEvent.GateDecided)
            .map(e -> ((MaintenanceEvent.GateDecided) e).decision()).findFirst().orElseThrow();
        assertTrue(d.promote(), d.reasons().toString());
        assertTrue(d.evidence().get("challenger.accuracy")
            > d.evidence().get("champion.accuracy") + 0.3, d.evidence().toString());
        assertEquals(2, registry.aliased(MODEL, "champion").orElseThrow().version());

        // only training-consent clips: asked for, extracted, trained and measured on
        List<String> wantAsked = new ArrayList<>(trainingSha.keySet());
        wantAsked.add("not-a-wav");
        wantAsked.sort(null);
        assertEquals(List.of(wantAsked), asked, "one Spark job, for the training-consent clips");
        assertEquals(List.of(trainingSha.keySet()), extracted);
        assertEquals(301, OPENED.get(), "each asked message opened once on the executors");
        MaintenanceEvent.DatasetBuilt built = events.stream()
            .filter(e -> e instanceof MaintenanceEvent.DatasetBuilt)
            .map(e -> (MaintenanceEvent.DatasetBuilt) e).findFirst().orElseThrow();
        assertEquals(100, built.withoutTrainingConsent(), built.toString());
        assertEquals(1, built.undecodable(), built.toString());
        assertEquals(0, built.withoutPayload(), built.toString());
        assertEquals(300, built.fromLog() + built.freshSize(), built.toString());
        StringBuilder lines = new StringBuilder();
        trainingSha.forEach((id, sha) -> lines.append(id).append(' ').append(sha).append('\n'));
        assertEquals(PayloadStore.sha256(lines.toString().getBytes(StandardCharsets.UTF_8)),
            built.payloadFingerprint(), "exactly the training-consent clips, by id and bytes");
        int fromLog = 0;
        for (Example<FeatureVector, String> e : loop.trainingSet()) {
          FeatureVector want = inProcess.get(e.id());
          if (want == null) {
            continue; // the first training set
          }
          fromLog++;
          assertTrue(trainingSha.containsKey(e.id()), e.id());
          assertEquals(want.names(), e.input().names());
          assertArrayEquals(want.toArray(), e.input().toArray(), e.id() + ": bit for bit");
          assertEquals(e.id().substring(0, e.id().indexOf('-')), e.group());
        }
        assertEquals(built.fromLog(), fromLog);
      }
    }
  }
}
