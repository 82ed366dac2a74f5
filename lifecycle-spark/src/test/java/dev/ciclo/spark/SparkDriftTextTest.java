package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A text field's vocabulary through {@link SparkDrift} and the same {@link LogMonitor}. */
class SparkDriftTextTest {
  static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(10);
  static final int WINDOWS = 10;
  static final int CHANGE = 6;
  static final Instant END = T0.plus(WINDOW.multipliedBy(WINDOWS));
  static final StructType SCHEMA = new StructType()
      .add("time", DataTypes.TimestampType, false)
      .add("rms", DataTypes.DoubleType, true)
      .add("transcript", DataTypes.StringType, true)
      .add("query", DataTypes.StringType, true)
      .add("prediction", DataTypes.StringType, false);
  /** The quantile sketch's stated worst-case rank error at 100,000 values, k = 1024, twice. */
  static final double RANK_ERROR = 2 * (Math.log(100_000 / 1024.0) / Math.log(2)) / 1024;

  /**
   * Record i of n, a pure function of i (one record every 6 ms at n = 1M, no two at the same
   * time): 3 to 7 words of a 400-word vocabulary, 0.5% typos (50 of them); from window {@link
   * #CHANGE} on, every third run of 50 records names one of 100 new names in 40% of its words.
   * Every 101st record has no transcript, every 103rd an empty one, every 997th nothing at all;
   * {@code query} is a text field the monitor does not watch.
   */
  static final class Data implements Serializable {
    private static final long serialVersionUID = 1L;
    final long n;

    Data(long n) {
      this.n = n;
    }

    Instant time(long i) {
      return T0.plusMillis(i * (WINDOW.toMillis() * WINDOWS) / n);
    }

    String text(long i) {
      if (i % 101 == 3) {
        return null;
      }
      if (i % 103 == 5) {
        return "";
      }
      SplittableRandom r = new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1));
      boolean names = i * WINDOWS / n >= CHANGE && (i / 50) % 3 == 0;
      StringBuilder b = new StringBuilder();
      int words = 3 + r.nextInt(5);
      for (int k = 0; k < words; k++) {
        double u = r.nextDouble();
        if (names && u < 0.4) {
          b.append("Name").append(r.nextInt(100));
        } else if (u > 0.995) {
          b.append("typo").append(r.nextInt(50));
        } else {
          b.append('w').append(r.nextInt(400));
        }
        b.append(k == 2 ? ", " : " ");
      }
      return b.toString();
    }

    double rms(long i) {
      return new SplittableRandom(i).nextGaussian();
    }

    String prediction(long i) {
      return "p" + (i % 3);
    }

    Row row(long i) {
      if (i % 997 == 11) {
        return RowFactory.create(Timestamp.from(time(i)), null, null, null, "");
      }
      return RowFactory.create(Timestamp.from(time(i)), rms(i), text(i), "q" + i, prediction(i));
    }

    PredictionRecord record(long i) {
      Map<String, Signal> s = new LinkedHashMap<>();
      if (i % 997 == 11) {
        return PredictionRecord.of("r" + i, time(i), "m", "1", s, "", Map.of(),
            Duration.ofMillis(1), Consent.MONITORING, "");
      }
      s.put("rms", Signal.of(rms(i)));
      String t = text(i);
      if (t != null) {
        s.put("transcript", Signal.of(t));
      }
      s.put("query", Signal.of("q" + i));
      return PredictionRecord.of("r" + i, time(i), "m", "1", s, prediction(i), Map.of(),
          Duration.ofMillis(1), Consent.MONITORING, "");
    }

    Dataset<Row> frame(int partitions) {
      MapPartitionsFunction<Long, Row> rows = ids -> new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return ids.hasNext();
        }

        @Override
        public Row next() {
          return row(ids.next());
        }
      };
      return TestSpark.session().range(0, n, 1, partitions).as(Encoders.LONG())
          .mapPartitions(rows, Encoders.row(SCHEMA));
    }

    PredictionLog log() {
      return new PredictionLog() {
        @Override
        public boolean append(PredictionRecord record) {
          throw new UnsupportedOperationException("read-only");
        }

        @Override
        public AppendOutcome append(PredictionRecord record, Payload input) {
          throw new UnsupportedOperationException("read-only");
        }

        @Override
        public Stream<PredictionRecord> read(Instant from, Instant to) {
          return LongStream.range(0, n)
              .filter(i -> !time(i).isBefore(from) && time(i).isBefore(to))
              .mapToObj(Data.this::record);
        }

        @Override
        public Optional<Payload> payload(PredictionRecord record) {
          return Optional.empty();
        }

        @Override
        public long erase(String subjectId) {
          return 0;
        }

        @Override
        public void close() {}
      };
    }
  }

  static Set<String> vocabulary() {
    Set<String> v = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      v.add("w" + i);
    }
    return v;
  }

  static LogMonitor.Builder configure(LogMonitor.Builder b) {
    double[] reference = new double[5_000];
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < reference.length; i++) {
      reference[i] = r.nextGaussian();
    }
    return b.clock(InstantSource.fixed(END)).start(T0).window(WINDOW)
        .numericFeature("rms", reference)
        .textField("transcript", VocabularyDrift.builder(vocabulary()).baselineRate(0.01)
            .build())
        .predictions(Map.of("p0", 1000L, "p1", 1000L, "p2", 1000L));
  }

  @Test
  @DisplayName("on 1M records whose vocabulary shifts mid-stream, the vocabulary windows and"
      + " alerts of Spark's merged summaries equal the single-JVM monitor's reading the log,"
      + " null and empty texts counted alike")
  void sparkEqualsSingleJvm() {
    Data data = new Data(1_000_000);
    LogMonitor single = configure(LogMonitor.builder("asr", data.log())).build();
    List<Alert> expected = single.poll();

    LogMonitor decider = configure(LogMonitor.builder("asr")).build();
    List<Alert> actual = SparkDrift.builder(decider).start(T0).window(WINDOW).partitions(3)
        .build().run(data.frame(4));

    List<WindowReport> a = single.report().windows();
    List<WindowReport> b = decider.report().windows();
    assertEquals(WINDOWS, a.size());
    assertEquals(WINDOWS, b.size());
    int drifted = 0;
    for (int w = 0; w < WINDOWS; w++) {
      WindowReport x = a.get(w);
      WindowReport y = b.get(w);
      String where = "window " + w + ": " + x + " vs " + y;
      assertEquals(x.records(), y.records(), where);
      assertEquals(x.skippedRecords(), y.skippedRecords(), where);
      assertEquals(x.badValues(), y.badValues(), where);
      assertEquals(x.results().keySet(), y.results().keySet(), where);
      // counts, the rate and the alarm exactly (the statistic is the window's OOV rate)
      DriftTestResult vx = x.results().get("vocabulary:transcript");
      assertEquals(vx, y.results().get("vocabulary:transcript"), where);
      assertEquals(x.results().get("prediction"), y.results().get("prediction"), where);
      DriftTestResult rx = x.results().get("feature:rms");
      DriftTestResult ry = y.results().get("feature:rms");
      assertEquals(rx.drifted(), ry.drifted(), where);
      assertTrue(Math.abs(rx.statistic() - ry.statistic()) <= RANK_ERROR, where);
      if (w < CHANGE) {
        assertFalse(vx.drifted(), "no vocabulary alarm before the names: " + where);
      }
      drifted += vx.drifted() ? 1 : 0;
    }
    assertTrue(drifted >= 2, "the names alarm: " + a);
    assertEquals(single.report().badValues(), decider.report().badValues());
    assertEquals(single.report().recordsSkipped(), decider.report().recordsSkipped());
    assertTrue(single.report().badValues() > 10_000, "null texts counted as bad values");
    // the alerts whole: subject, since, the rate, its interval, new-term share, emerging terms
    // (fewer distinct new terms in a window than the tracker's 200 counters: exact)
    assertEquals(expected, actual);
    assertEquals(List.of("vocabulary:transcript"),
        expected.stream().map(Alert::subject).distinct().toList());
    assertEquals(T0.plus(WINDOW.multipliedBy(CHANGE)), expected.get(0).since());
    assertTrue(expected.get(0).details().get("emerging").startsWith("name"),
        expected.get(0).details().toString());
  }

  @Test
  @DisplayName("a missing text column or one that does not hold text is named in the error; a"
      + " text column the monitor does not watch is left alone")
  void badFrames() {
    LogMonitor m = configure(LogMonitor.builder("asr")).build();
    SparkDrift job = SparkDrift.builder(m).start(T0).window(WINDOW).build();
    Dataset<Row> f = new Data(2_000).frame(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.drop("transcript")));
    assertEquals("the frame has no column 'transcript' (it has [time, rms, query, prediction])",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.withColumn("transcript", f.col("rms"))));
    assertEquals("column 'transcript' must hold text but was double", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.summarizer("query"));
    assertEquals("field must be one of the text fields [transcript] but was 'query'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SparkDrift.builder(m).partitions(0));
  }
}
