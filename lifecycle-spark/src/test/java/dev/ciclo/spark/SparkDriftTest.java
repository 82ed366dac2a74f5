package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.WindowReport;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SparkDriftTest {
  private static final Instant END =
      DriftData.T0.plus(DriftData.WINDOW.multipliedBy(DriftData.WINDOWS));
  /**
   * log2(n/k)/k at 100,000 values per window and k = 1024, for each of the two sketches
   * compared: about 70% of the sketch's worst case ((log2(n/k) + 3)/k, see QuantileSketch), which
   * sketches of these seeded values stay far within (largest difference 0.0036 of the 0.0129
   * allowed, the same in two runs).
   */
  private static final double RANK_ERROR = 2 * (Math.log(100_000 / 1024.0) / Math.log(2)) / 1024;

  private static LogMonitor.Builder configure(LogMonitor.Builder b) {
    return b.clock(InstantSource.fixed(END))
        .start(DriftData.T0)
        .window(DriftData.WINDOW)
        .numericFeature("a", DriftData.referenceNumbers(5_000, 1))
        .numericFeature("b", DriftData.referenceNumbers(5_000, 2))
        .categoricalFeature("c", DriftData.REFERENCE_C)
        .predictions(DriftData.REFERENCE_P)
        .confidence(DriftData.referenceConfidence(5_000));
  }

  static Dataset<Row> frame(SparkSession spark, DriftData data, long n, int partitions) {
    MapPartitionsFunction<Long, Row> rows = ids -> new java.util.Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Row next() {
        return data.row(ids.next());
      }
    };
    return spark.range(0, n, 1, partitions).as(Encoders.LONG())
        .mapPartitions(rows, Encoders.row(DriftData.SCHEMA));
  }

  @Test
  @DisplayName("on 1M records the Spark report equals the single-JVM monitor's within the"
      + " sketch's stated error, with the same alerts")
  void sparkEqualsSingleJvm() {
    long n = 1_000_000;
    DriftData data = new DriftData(n);
    LogMonitor single = configure(LogMonitor.builder("drift", data.log())).build();
    List<Alert> expected = single.poll();

    LogMonitor decider = configure(LogMonitor.builder("drift")).build();
    List<Alert> actual = SparkDrift.builder(decider).start(DriftData.T0)
        .window(DriftData.WINDOW).build()
        .run(frame(TestSpark.session(), data, n, 8));

    List<WindowReport> a = single.report().windows();
    List<WindowReport> b = decider.report().windows();
    assertEquals(DriftData.WINDOWS, a.size());
    assertEquals(a.size(), b.size());
    for (int w = 0; w < a.size(); w++) {
      WindowReport x = a.get(w);
      WindowReport y = b.get(w);
      String where = "window " + w;
      assertEquals(x.start(), y.start(), where);
      assertEquals(x.records(), y.records(), where);
      assertEquals(x.skippedRecords(), y.skippedRecords(), where);
      assertEquals(x.badValues(), y.badValues(), where);
      assertEquals(x.datasetDrifted(), y.datasetDrifted(), where);
      assertEquals(x.results().keySet(), y.results().keySet(), where);
      for (Map.Entry<String, DriftTestResult> e : x.results().entrySet()) {
        DriftTestResult rx = e.getValue();
        DriftTestResult ry = y.results().get(e.getKey());
        String what = where + " " + e.getKey() + ": " + rx + " vs " + ry;
        assertEquals(rx.test(), ry.test(), what);
        assertEquals(rx.drifted(), ry.drifted(), what);
        if (e.getKey().equals("feature:c") || e.getKey().equals("prediction")) {
          assertEquals(rx, ry, what); // counts are exact: the same numbers
        } else {
          // normed Wasserstein from two sketches of the same values: each quantile is off by at
          // most the rank error, so the distance (in reference standard deviations, about one)
          // moves by no more than that
          assertTrue(Math.abs(rx.statistic() - ry.statistic()) <= RANK_ERROR, what);
        }
      }
    }
    assertEquals(
        Set.of("feature:b", "feature:c", "prediction", "dataset"),
        subjects(expected));
    assertEquals(strip(expected), strip(actual));
    assertEquals(DriftData.T0.plus(DriftData.WINDOW.multipliedBy(DriftData.CHANGE)),
        actual.get(0).since());
  }

  private static Set<String> subjects(List<Alert> alerts) {
    return alerts.stream().map(Alert::subject).collect(Collectors.toSet());
  }

  /** Alerts without the numbers a sketch may move in the last digits. */
  private static List<String> strip(List<Alert> alerts) {
    return alerts.stream().map(x -> x.monitor() + "|" + x.subject() + "|" + x.detector() + "|"
        + x.severity() + "|" + x.since() + "|" + x.raisedAt()).toList();
  }

  @Test
  @DisplayName("a missing or mistyped column is named in the error")
  void badFrames() {
    LogMonitor m = configure(LogMonitor.builder("drift")).build();
    SparkDrift job = SparkDrift.builder(m).start(DriftData.T0).window(DriftData.WINDOW).build();
    Dataset<Row> f = frame(TestSpark.session(), new DriftData(100), 100, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.drop("b")));
    assertEquals("the frame has no column 'b' (it has [time, a, c, prediction, confidence])",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.withColumn("a", f.col("c"))));
    assertEquals("column 'a' must hold numbers but was string", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> job.run(f.withColumn("confidence", f.col("prediction"))));
    assertEquals("column 'confidence' must hold numbers but was string", e.getMessage());
    assertThrows(IllegalStateException.class, () -> SparkDrift.builder(m).build());
  }
}
