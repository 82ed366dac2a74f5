package dev.ciclo.spark;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.util.Optional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A large synthetic log, record {@code i} a pure function of {@code i} (so Spark and a single JVM
 * see the same records): windows of ten minutes; from window {@link #CHANGE} on, feature
 * {@code b} shifts by half a standard deviation, category {@code z} of {@code c} doubles and the
 * model predicts {@code p2} more often; {@code a} never changes. Every 997th record has no
 * {@code a} signal.
 */
final class DriftData implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(10);
  static final int WINDOWS = 10;
  static final int CHANGE = 6;
  static final StructType SCHEMA = new StructType()
      .add("time", DataTypes.TimestampType, false)
      .add("a", DataTypes.DoubleType, true)
      .add("b", DataTypes.DoubleType, true)
      .add("c", DataTypes.StringType, true)
      .add("prediction", DataTypes.StringType, false)
      .add("confidence", DataTypes.DoubleType, false);

  private final long n;

  DriftData(long n) {
    this.n = n;
  }

  long window(long i) {
    return i * WINDOWS / n;
  }

  Instant time(long i) {
    return T0.plusMillis(i * (WINDOW.toMillis() * WINDOWS) / n);
  }

  /** The values of record i: a (text), b, c, prediction, confidence. */
  Object[] values(long i) {
    SplittableRandom r = new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1));
    boolean changed = window(i) >= CHANGE;
    Double a = i % 997 == 5 ? null : r.nextGaussian();
    double b = r.nextGaussian() + (changed ? 0.5 : 0);
    double u = r.nextDouble();
    String c = u < (changed ? 0.2 : 0.5) ? "x" : u < 0.8 ? "y" : "z";
    double v = r.nextDouble();
    String p = v < (changed ? 0.25 : 0.4) ? "p0" : v < 0.75 ? "p1" : "p2";
    double conf = 0.5 + 0.5 * r.nextDouble();
    return new Object[] {a, b, c, p, conf};
  }

  Row row(long i) {
    Object[] v = values(i);
    return RowFactory.create(Timestamp.from(time(i)), v[0], v[1], v[2], v[3], v[4]);
  }

  PredictionRecord record(long i) {
    Object[] v = values(i);
    Map<String, Signal> signals = new LinkedHashMap<>();
    if (v[0] != null) {
      signals.put("a", Signal.of((Double) v[0]));
    }
    signals.put("b", Signal.of((Double) v[1]));
    signals.put("c", Signal.of((String) v[2]));
    return PredictionRecord.of("r" + i, time(i), "m", "1", signals, (String) v[3],
        Map.of((String) v[3], (Double) v[4]), Duration.ofMillis(1), Consent.MONITORING, "");
  }

  static double[] referenceNumbers(int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = r.nextGaussian();
    }
    return out;
  }

  static double[] referenceConfidence(int size) {
    SplittableRandom r = new SplittableRandom(11);
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = 0.5 + 0.5 * r.nextDouble();
    }
    return out;
  }

  static final Map<String, Long> REFERENCE_C = Map.of("x", 2500L, "y", 1500L, "z", 1000L);
  static final Map<String, Long> REFERENCE_P = Map.of("p0", 2000L, "p1", 1750L, "p2", 1250L);
  static final List<String> FIELDS = List.of("a", "b", "c");

  /** The records generated on demand, as a log a single-JVM monitor reads. */
  PredictionLog log() {
    return new PredictionLog() {
      @Override
      public boolean append(PredictionRecord record) {
        throw new UnsupportedOperationException("a generated log is read-only");
      }

      @Override
      public Stream<PredictionRecord> read(Instant from, Instant to) {
        return LongStream.range(0, n)
            .filter(i -> !time(i).isBefore(from) && time(i).isBefore(to))
            .mapToObj(DriftData.this::record);
      }

      @Override
      public AppendOutcome append(PredictionRecord record, Payload input) {
        throw new UnsupportedOperationException("a generated log is read-only");
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
