package dev.ciclo.bench.scale;

import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.WindowSketches;
import dev.ciclo.spark.SparkDrift;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Drift over {@code n} records x 20 numeric features (one one-hour window, Gaussian features,
 * five of them shifted): the single-JVM {@link LogMonitor} reading a log against {@link
 * SparkDrift} in {@code local[1]} and {@code local[2]} on the same records (each side generates
 * record {@code i} from {@code i}, and that generation is part of both timings). Reports records
 * per second, per core, the scaling from one to two cores, and the bytes of the sketches per
 * feature. SciPy's per-column {@code ks_2samp} loop on the same shape is
 * {@code scripts/drift-vs-scipy.py}.
 *
 * <pre>
 * mvn -B -q -pl lifecycle-bench -am test-compile
 * mvn -B -q -pl lifecycle-bench exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ciclo.bench.scale.SparkDriftBench -Dexec.args="10000000 3"
 * </pre>
 */
public final class SparkDriftBench {
  static final int FEATURES = 20;
  static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
  static final Duration WINDOW = Duration.ofHours(1);

  private SparkDriftBench() {}

  /** Record i, a pure function of i. */
  static final class Gen implements Serializable {
    private static final long serialVersionUID = 1L;
    final long n;

    Gen(long n) {
      this.n = n;
    }

    double[] values(long i) {
      SplittableRandom r = new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1));
      double[] v = new double[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        v[f] = r.nextGaussian() + (f < 5 ? 0.2 : 0);
      }
      return v;
    }

    long millis(long i) {
      return T0.toEpochMilli() + i * (WINDOW.toMillis() - 1) / n;
    }

    Row row(long i) {
      double[] v = values(i);
      Object[] o = new Object[FEATURES + 1];
      o[0] = new Timestamp(millis(i));
      for (int f = 0; f < FEATURES; f++) {
        o[f + 1] = v[f];
      }
      return RowFactory.create(o);
    }

    PredictionRecord record(long i) {
      double[] v = values(i);
      Map<String, Signal> s = new LinkedHashMap<>();
      for (int f = 0; f < FEATURES; f++) {
        s.put("f" + f, Signal.of(v[f]));
      }
      return PredictionRecord.of("r" + i, Instant.ofEpochMilli(millis(i)), "m", "1", s, "",
          Map.of(), Duration.ZERO, Consent.MONITORING, "");
    }
  }

  static LogMonitor monitor(PredictionLog log) {
    LogMonitor.Builder b = log == null ? LogMonitor.builder("bench") : LogMonitor.builder("bench",
        log);
    b.clock(InstantSource.fixed(T0.plus(WINDOW))).start(T0).window(WINDOW);
    SplittableRandom r = new SplittableRandom(7);
    for (int f = 0; f < FEATURES; f++) {
      double[] ref = new double[5_000];
      for (int i = 0; i < ref.length; i++) {
        ref[i] = r.nextGaussian();
      }
      b.numericFeature("f" + f, ref);
    }
    return b.build();
  }

  static PredictionLog generated(Gen g) {
    return new PredictionLog() {
      @Override
      public boolean append(PredictionRecord record) {
        throw new UnsupportedOperationException();
      }

      @Override
      public AppendOutcome append(PredictionRecord record, Payload input) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Stream<PredictionRecord> read(Instant from, Instant to) {
        return LongStream.range(0, g.n).filter(i -> g.millis(i) >= from.toEpochMilli()
            && g.millis(i) < to.toEpochMilli()).mapToObj(g::record);
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

  static Dataset<Row> frame(SparkSession spark, Gen g, int partitions) {
    StructType schema = new StructType().add("time", DataTypes.TimestampType, false);
    for (int f = 0; f < FEATURES; f++) {
      schema = schema.add("f" + f, DataTypes.DoubleType, false);
    }
    MapPartitionsFunction<Long, Row> rows = ids -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Row next() {
        return g.row(ids.next());
      }
    };
    return spark.range(0, g.n, 1, partitions).as(Encoders.LONG())
        .mapPartitions(rows, Encoders.row(schema));
  }

  static double spark(String master, Gen g, int repeats, List<String> alerts) {
    SparkSession spark = SparkSession.builder().master(master).appName("ciclo-drift-bench")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    try {
      SparkDrift.builder(monitor(null)).start(T0).window(WINDOW).build()
          .run(frame(spark, new Gen(100_000), 4)); // warm-up
      double[] t = new double[repeats];
      for (int rep = 0; rep < repeats; rep++) {
        LogMonitor m = monitor(null);
        long s = System.nanoTime();
        var a = SparkDrift.builder(m).start(T0).window(WINDOW).build().run(frame(spark, g, 16));
        t[rep] = (System.nanoTime() - s) / 1e9;
        alerts.add(a.stream().map(x -> x.subject()).sorted().toList().toString());
        System.out.printf("  %s repeat %d: %.2f s%n", master, rep, t[rep]);
      }
      return median(t);
    } finally {
      spark.stop();
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Gen g = new Gen(n);
    List<String> alerts = new ArrayList<>();

    monitor(generated(new Gen(100_000))).poll(); // warm-up
    double[] single = new double[repeats];
    for (int rep = 0; rep < repeats; rep++) {
      LogMonitor m = monitor(generated(g));
      long s = System.nanoTime();
      var a = m.poll();
      single[rep] = (System.nanoTime() - s) / 1e9;
      alerts.add(a.stream().map(x -> x.subject()).sorted().toList().toString());
      System.out.printf("  single JVM repeat %d: %.2f s%n", rep, single[rep]);
    }
    double one = spark("local[1]", g, repeats, alerts);
    double two = spark("local[2]", g, repeats, alerts);
    double jvm = median(single);
    System.out.printf("records x %d features: %d%n", FEATURES, n);
    System.out.printf("single-JVM monitor (1 core): %.2f s, %.0f records/s%n", jvm, n / jvm);
    System.out.printf("Spark local[1]: %.2f s, %.0f records/s per core%n", one, n / one);
    System.out.printf("Spark local[2]: %.2f s, %.0f records/s per core%n", two, n / two / 2);
    System.out.printf("per-core ratio Spark local[2] / single JVM: %.3f (goal >= 0.5)%n",
        (n / two / 2) / (n / jvm));
    System.out.printf("per-core ratio Spark local[1] / single JVM: %.3f%n", jvm / one);
    System.out.printf("scaling local[1] -> local[2]: %.2fx%n", one / two);
    System.out.println("alerts per run (all equal expected): " + new java.util.TreeSet<>(alerts));

    WindowSketches w = monitor(null).newWindow();
    SplittableRandom r = new SplittableRandom(1);
    for (long i = 0; i < n; i++) {
      for (int f = 0; f < FEATURES; f++) {
        w.numeric("f" + f).add(r.nextGaussian());
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(w);
    }
    System.out.printf("sketch state: %d retained values per feature (%d bytes as doubles);"
        + " %d bytes per feature serialised (the window summary shipped between nodes) for %d"
        + " values per feature%n", w.numeric("f0").retained(), w.numeric("f0").retained() * 8L,
        bytes.size() / FEATURES, n);
  }
}
