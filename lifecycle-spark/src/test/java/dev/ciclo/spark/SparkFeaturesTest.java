package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.log.PayloadStore;
import dev.ciclo.core.tribuo.TribuoClassifiers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkFeaturesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("features extracted on Spark from a file log's raw FSDD clips equal the in-process"
      + " extraction of the same clips; monitoring-only records are never included")
  void equalsInProcess() {
    LoggedClips logged = new LoggedClips(60);
    try (FilePredictionLog log = FilePredictionLog.builder(dir).build()) {
      logged.logTo(log);
    }
    SparkSession spark = TestSpark.session();
    LogFrames.LogFrame frame = LogFrames.fileLog(spark, dir);
    SparkFeatures<AudioClip> job = SparkFeatures.of(SparkFeatures.fileLogPayloads(dir),
        LoggedClips::decode, () -> MfccSummary.builder().build());
    org.apache.spark.sql.Dataset<Row> features =
        job.extract(frame.records().repartition(3), LoggedClips.MODEL).cache();

    Map<String, Long> statuses = features.groupBy("status").count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    long training = logged.clips.stream().filter(c -> c.consent() == Consent.TRAINING).count();
    assertEquals(Map.of(SparkFeatures.OK, training, SparkFeatures.UNDECODABLE, 1L), statuses,
        "one row per training request (the shadow copy is the same request), the bad WAV"
            + " counted, the other model's record left out");

    List<Row> labels = new ArrayList<>();
    for (LoggedClips.Clip c : logged.clips) {
      labels.add(RowFactory.create(c.requestId(), c.digit()));
    }
    labels.add(RowFactory.create("not-a-wav", "3"));
    StructType labelSchema = new StructType().add("request_id", DataTypes.StringType)
        .add("label", DataTypes.StringType);
    Dataset<FeatureVector, String> set = SparkFeatures.trainingSet(features,
        spark.createDataFrame(labels, labelSchema), "from-spark");

    MfccSummary inProcess = MfccSummary.builder().build();
    TreeMap<String, LoggedClips.Clip> expected = new TreeMap<>();
    logged.clips.stream().filter(c -> c.consent() == Consent.TRAINING)
        .forEach(c -> expected.put(c.requestId(), c));
    assertEquals(List.copyOf(expected.keySet()),
        set.stream().map(Example::id).toList(), "exactly the training-consent requests");
    for (Example<FeatureVector, String> e : set) {
      LoggedClips.Clip c = expected.get(e.id());
      FeatureVector want = inProcess.extract(
          LoggedClips.decode(RawPayload.of("audio/wav", c.wav())));
      assertEquals(want.names(), e.input().names(), e.id());
      assertTrue(java.util.Arrays.equals(want.toArray(), e.input().toArray()),
          e.id() + ": the same values, bit for bit");
      assertEquals(c.digit(), e.target());
      assertEquals(c.subject(), e.group());
      assertEquals(PayloadStore.sha256(c.wav()), e.metadata().get("payload.sha256"));
    }
    assertTrue(logged.clips.stream().filter(c -> c.consent() == Consent.MONITORING)
        .noneMatch(c -> set.stream().anyMatch(e -> e.id().equals(c.requestId()))));

    // the set is what a maintenance loop's recipe over feature vectors trains on
    var model = TribuoClassifiers.logisticRegression(FeatureExtractor.identity(), 5)
        .train(set, 1);
    assertEquals(set.size(), set.stream().filter(e -> model.predict(e.input()) != null).count());
  }
}
