package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import dev.ciclo.monitor.vocabulary.VocabularyWindow;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkVocabularyTest {
  static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int WINDOWS = 12;
  static final int PER_WINDOW = 600;
  static final StructType SCHEMA = new StructType()
      .add("time", DataTypes.TimestampType, false)
      .add("transcript", DataTypes.StringType, true);

  static List<String> words() {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      w.add("w" + Integer.toString(i, 36));
    }
    return w;
  }

  /**
   * Text i: mostly known words; a steady 1% unknown; from window 6 on new names (70 of them)
   * come in bursts, and window 9 has none at all.
   */
  static String text(int i) {
    SplittableRandom r = new SplittableRandom(i * 7919L + 1);
    int window = i / PER_WINDOW;
    List<String> words = words();
    StringBuilder b = new StringBuilder();
    int n = 3 + r.nextInt(8);
    for (int k = 0; k < n; k++) {
      double u = r.nextDouble();
      String t;
      if (window >= 6 && window != 9 && (i / 25) % 3 == 0 && u < 0.3) {
        t = "Name" + r.nextInt(70);
      } else if (u < 0.01) {
        t = "typo" + r.nextInt(20);
      } else {
        t = words.get(r.nextInt(words.size()));
      }
      b.append(k == 0 ? "" : k % 4 == 0 ? ", " : " ").append(t);
    }
    return b.toString();
  }

  static Instant time(int i) {
    return T0.plusMillis(i * (WINDOW.toMillis() / PER_WINDOW));
  }

  @Test
  @DisplayName("vocabulary windows merged on Spark equal a single tracker's on the same texts in"
      + " time order: counts, interval, new terms, emerging terms, statistic and alarms")
  void equalsSingleTracker() {
    int n = WINDOWS * PER_WINDOW;
    Set<String> vocab = new HashSet<>(words());
    VocabularyDrift single = VocabularyDrift.builder(vocab).threshold(12).topTerms(10).build();
    List<VocabularyWindow> expected = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i > 0 && i % PER_WINDOW == 0) {
        expected.add(single.closeWindow());
      }
      String t = i % 101 == 7 ? null : text(i);
      if (t != null) {
        single.add(t);
      }
      rows.add(RowFactory.create(Timestamp.from(time(i)), t));
    }
    expected.add(single.closeWindow());

    List<VocabularyWindow> actual = SparkVocabulary.builder(vocab).threshold(12).topTerms(10)
        .windows(T0, WINDOW).columns("time", "transcript").partitions(7).build()
        .run(TestSpark.session().createDataFrame(rows, SCHEMA).repartition(5));

    assertEquals(expected.size(), actual.size());
    int alarms = 0;
    for (int w = 0; w < expected.size(); w++) {
      VocabularyWindow x = expected.get(w);
      VocabularyWindow y = actual.get(w);
      String where = "window " + w + ": " + x + " vs " + y;
      assertEquals(x.texts(), y.texts(), where);
      assertEquals(x.tokens(), y.tokens(), where);
      assertEquals(x.oovTokens(), y.oovTokens(), where);
      assertEquals(x.oovRate(), y.oovRate(), where);
      assertEquals(x.oovLow(), y.oovLow(), where);
      assertEquals(x.oovHigh(), y.oovHigh(), where);
      assertEquals(x.distinctTerms(), y.distinctTerms(), where);
      assertEquals(x.newTermShare(), y.newTermShare(), where);
      assertEquals(x.emerging(), y.emerging(), where);
      assertEquals(x.alarmed(), y.alarmed(), where);
      assertEquals(x.sequentialStatistic(), y.sequentialStatistic(), 1e-9, where);
      if (w < 6) {
        assertTrue(!x.alarmed(), "no alarm before the names come: " + where);
      } else {
        alarms += x.alarmed() ? 1 : 0;
      }
    }
    assertTrue(alarms >= 3, "the names raise alarms from window 6: " + expected);
  }

  @Test
  @DisplayName("settings are checked as the tracker checks them")
  void badSettings() {
    assertThrows(IllegalStateException.class, () -> SparkVocabulary.builder(Set.of()).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkVocabulary.builder(Set.of()).baselineRate(0.2).alarmRate(0.1)
            .windows(T0, WINDOW).columns("time", "t").build());
    assertEquals("alarmRate must be between baselineRate (0.2) and 1 but was 0.1",
        e.getMessage());
  }

  @Test
  @DisplayName("a missing text column or one that does not hold text is named in the error")
  void badFrames() {
    SparkVocabulary job = SparkVocabulary.builder(Set.of("a")).windows(T0, WINDOW)
        .columns("time", "transcript").build();
    List<Row> rows = List.of(RowFactory.create(Timestamp.from(T0), "a b"));
    org.apache.spark.sql.Dataset<Row> f = TestSpark.session().createDataFrame(rows, SCHEMA);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.drop("transcript")));
    assertEquals("the frame has no column 'transcript' (it has [time])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.withColumn("transcript", org.apache.spark.sql.functions.lit(3))));
    assertEquals("column 'transcript' must hold text but was int", e.getMessage());
    assertEquals(1, job.run(f).get(0).oovTokens());
  }
}
