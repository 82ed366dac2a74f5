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
import dev.ciclo.monitor.sketch.QuantileSketch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
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
 * record {@code i} from {@code i}, and that generation is part of both timings: a
 * {@link PredictionRecord} for the monitor, a Spark row for Spark). Reports, per side, the median
 * wall time and the median CPU time of the whole JVM (every thread: Spark's, the GC's, the JIT's),
 * records per second per core both ways, the scaling from one to two cores, where the single JVM's
 * time goes (generation, record building, sketch updates, the monitor), and the bytes per feature
 * the sketches hold on the heap and ship between nodes. On a shared machine the wall times measure
 * the share of the cores the bench got; the CPU times do not. SciPy's per-column {@code ks_2samp}
 * loop on the same shape is {@code scripts/drift-vs-scipy.py}.
 *
 * <p>Arguments: records (default 10,000,000), repeats (3), and which parts to run, comma-separated
 * (default {@code jvm,local1,local2,parts,memory}).
 *
 * <pre>
 * mvn -B -q -o -pl lifecycle-bench -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd lifecycle-bench
 * nice -n 10 java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.ciclo.bench.scale.SparkDriftBench 10000000 3
 * </pre>
 */
public final class SparkDriftBench {
  static final int FEATURES = 20;
  static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
  static final Duration WINDOW = Duration.ofHours(1);
  static final List<String> NAMES = IntStream.range(0, FEATURES).mapToObj(f -> "f" + f).toList();

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
        s.put(NAMES.get(f), Signal.of(v[f]));
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
      b.numericFeature(NAMES.get(f), ref);
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
      schema = schema.add(NAMES.get(f), DataTypes.DoubleType, false);
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

  /** Wall and process CPU seconds of each repeat. */
  record Times(double[] wall, double[] cpu) {
    Times(int repeats) {
      this(new double[repeats], new double[repeats]);
    }

    double medianWall() {
      return median(wall);
    }

    double medianCpu() {
      return median(cpu);
    }
  }

  static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  static Times single(Gen g, int repeats, List<String> alerts) {
    monitor(generated(new Gen(100_000))).poll(); // warm-up
    Times t = new Times(repeats);
    for (int rep = 0; rep < repeats; rep++) {
      LogMonitor m = monitor(generated(g));
      long c = OS.getProcessCpuTime();
      long s = System.nanoTime();
      var a = m.poll();
      t.wall[rep] = (System.nanoTime() - s) / 1e9;
      t.cpu[rep] = (OS.getProcessCpuTime() - c) / 1e9;
      alerts.add(a.stream().map(x -> x.subject()).sorted().toList().toString());
      System.out.printf("  single JVM repeat %d: %.2f s wall, %.2f s CPU%n", rep, t.wall[rep],
          t.cpu[rep]);
    }
    return t;
  }

  static Times spark(String master, Gen g, int repeats, List<String> alerts) {
    SparkSession spark = SparkSession.builder().master(master).appName("ciclo-drift-bench")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    try {
      SparkDrift.builder(monitor(null)).start(T0).window(WINDOW).build()
          .run(frame(spark, new Gen(100_000), 4)); // warm-up
      Times t = new Times(repeats);
      for (int rep = 0; rep < repeats; rep++) {
        LogMonitor m = monitor(null);
        long c = OS.getProcessCpuTime();
        long s = System.nanoTime();
        var a = SparkDrift.builder(m).start(T0).window(WINDOW).build().run(frame(spark, g, 16));
        t.wall[rep] = (System.nanoTime() - s) / 1e9;
        t.cpu[rep] = (OS.getProcessCpuTime() - c) / 1e9;
        alerts.add(a.stream().map(x -> x.subject()).sorted().toList().toString());
        System.out.printf("  %s repeat %d: %.2f s wall, %.2f s CPU%n", master, rep, t.wall[rep],
            t.cpu[rep]);
      }
      return t;
    } finally {
      spark.stop();
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /**
   * Where the single JVM's time goes, in this thread's CPU seconds: making the values, making
   * the records from them, adding the values to 20 sketches, and the whole monitor poll.
   */
  static void parts(Gen g, int repeats) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] t = new double[4][repeats];
    double sink = 0;
    for (int rep = 0; rep < repeats; rep++) {
      long c = mx.getCurrentThreadCpuTime();
      for (long i = 0; i < g.n; i++) {
        sink += g.values(i)[1];
      }
      t[0][rep] = (mx.getCurrentThreadCpuTime() - c) / 1e9;
      c = mx.getCurrentThreadCpuTime();
      for (long i = 0; i < g.n; i++) {
        sink += g.record(i).signals().size();
      }
      t[1][rep] = (mx.getCurrentThreadCpuTime() - c) / 1e9;
      QuantileSketch[] q = new QuantileSketch[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        q[f] = QuantileSketch.create();
      }
      c = mx.getCurrentThreadCpuTime();
      for (long i = 0; i < g.n; i++) {
        double[] v = g.values(i);
        for (int f = 0; f < FEATURES; f++) {
          q[f].add(v[f]);
        }
      }
      t[2][rep] = (mx.getCurrentThreadCpuTime() - c) / 1e9;
      sink += q[0].quantile(0.5);
      LogMonitor m = monitor(generated(g));
      c = mx.getCurrentThreadCpuTime();
      sink += m.poll().size();
      t[3][rep] = (mx.getCurrentThreadCpuTime() - c) / 1e9;
      System.out.printf("  parts repeat %d: values %.2f, values+records %.2f, values+sketches"
          + " %.2f, monitor poll %.2f (CPU s)%n", rep, t[0][rep], t[1][rep], t[2][rep],
          t[3][rep]);
    }
    double values = median(t[0]);
    double records = median(t[1]) - values;
    double sketches = median(t[2]) - values;
    double poll = median(t[3]);
    System.out.printf("single JVM, where the CPU goes (medians, this thread): generating values"
        + " %.2f s, building PredictionRecords %.2f s, %d sketch updates %.2f s (%.0f ns each),"
        + " the rest of the monitor %.2f s, of a %.2f s poll (%s)%n", values, records,
        g.n * FEATURES, sketches, sketches * 1e9 / g.n / FEATURES,
        poll - values - records - sketches, poll, sink != 0 ? "ok" : "");
  }

  /**
   * The heap a sketch holds, counted from its arrays (read by reflection: the bench runs on the
   * class path) with the usual 64-bit JVM layout: 16-byte array headers, 4-byte compressed
   * references, a 48-byte object. Measuring used heap after collections was tried and is too
   * noisy on a shared machine (what other code leaves behind is collected at random times).
   */
  static long heldBytes(QuantileSketch s) throws ReflectiveOperationException {
    long bytes = 48;
    for (String name : new String[] {"levels", "sizes", "parity"}) {
      Field f = QuantileSketch.class.getDeclaredField(name);
      f.setAccessible(true);
      Object a = f.get(s);
      int n = java.lang.reflect.Array.getLength(a);
      bytes += 16 + n * (name.equals("levels") ? 4 : name.equals("sizes") ? 4 : 1);
      if (name.equals("levels")) {
        for (double[] level : (double[][]) a) {
          bytes += level == null ? 0 : 16 + 8L * level.length;
        }
      }
    }
    return bytes;
  }

  /** The sketch state per feature for n values: retained, on the heap, and shipped. */
  static void memory(long n) throws IOException, ReflectiveOperationException {
    WindowSketches w = monitor(null).newWindow();
    SplittableRandom r = new SplittableRandom(1);
    for (long i = 0; i < n; i++) {
      for (int f = 0; f < FEATURES; f++) {
        w.numeric(NAMES.get(f)).add(r.nextGaussian());
      }
    }
    long held = 0;
    for (String f : NAMES) {
      held += heldBytes(w.numeric(f));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(w);
    }
    int retained = w.numeric(NAMES.get(0)).retained();
    System.out.printf("sketch state per feature for %d values: %d values retained (%d bytes as"
        + " doubles); %d bytes held on the heap (the sketch's arrays); %d bytes shipped (the"
        + " window summary as Spark's encoder serializes it, divided by %d features)%n", n,
        retained, retained * 8L, held / FEATURES, bytes.size() / FEATURES, FEATURES);
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // this harness's own process: Spark's INFO lines would bury the results
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Set<String> parts = Set.of((args.length > 2 ? args[2] : "jvm,local1,local2,parts,memory")
        .split(","));
    Gen g = new Gen(n);
    List<String> alerts = new ArrayList<>();
    System.out.printf("records x %d features: %d, repeats: %d, %d processors, load average"
        + " %.1f (wall times are medians on a shared machine; CPU times count every thread of"
        + " this JVM)%n", FEATURES, n, repeats, Runtime.getRuntime().availableProcessors(),
        OS.getSystemLoadAverage());
    if (parts.contains("memory")) {
      memory(n);
    }
    Times jvm = parts.contains("jvm") ? single(g, repeats, alerts) : null;
    Times one = parts.contains("local1") ? spark("local[1]", g, repeats, alerts) : null;
    Times two = parts.contains("local2") ? spark("local[2]", g, repeats, alerts) : null;
    if (jvm != null) {
      System.out.printf("single-JVM monitor (1 core): %.2f s wall, %.2f s CPU; %.0f records/s,"
          + " %.0f records per CPU-second%n", jvm.medianWall(), jvm.medianCpu(),
          n / jvm.medianWall(), n / jvm.medianCpu());
    }
    if (one != null) {
      System.out.printf("Spark local[1]: %.2f s wall, %.2f s CPU; %.0f records/s per core,"
          + " %.0f records per CPU-second%n", one.medianWall(), one.medianCpu(),
          n / one.medianWall(), n / one.medianCpu());
    }
    if (two != null) {
      System.out.printf("Spark local[2]: %.2f s wall, %.2f s CPU; %.0f records/s per core,"
          + " %.0f records per CPU-second%n", two.medianWall(), two.medianCpu(),
          n / two.medianWall() / 2, n / two.medianCpu());
    }
    if (jvm != null && two != null) {
      System.out.printf("per-core ratio Spark local[2] / single JVM: %.3f by wall time (goal >="
          + " 0.5), %.3f by CPU time%n", jvm.medianWall() / two.medianWall() / 2,
          jvm.medianCpu() / two.medianCpu());
    }
    if (jvm != null && one != null) {
      System.out.printf("per-core ratio Spark local[1] / single JVM: %.3f by wall time, %.3f by"
          + " CPU time%n", jvm.medianWall() / one.medianWall(), jvm.medianCpu() / one.medianCpu());
    }
    if (one != null && two != null) {
      System.out.printf("scaling local[1] -> local[2]: %.2fx (wall)%n",
          one.medianWall() / two.medianWall());
    }
    if (!alerts.isEmpty()) {
      System.out.println("alerts per run (all equal expected): " + new TreeSet<>(alerts));
    }
    if (parts.contains("parts")) {
      parts(g, repeats);
    }
  }
}
