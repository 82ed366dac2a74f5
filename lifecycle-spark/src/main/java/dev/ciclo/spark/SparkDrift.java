package dev.ciclo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.WindowSketches;
import dev.ciclo.monitor.vocabulary.VocabularySummarizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

/**
 * Drift over a large log on Spark, decided by a {@link LogMonitor}: each time window's
 * per-feature summaries ({@link dev.ciclo.monitor.sketch.QuantileSketch} per numeric feature and
 * for confidence, {@link dev.ciclo.monitor.sketch.CategoryCounts} per categorical feature and for
 * predicted classes, {@link dev.ciclo.monitor.vocabulary.VocabularySummary} per text field) are
 * filled per partition and merged as Spark aggregators; only the merged summaries come back to
 * the driver, where the monitor runs the tests, the multiple-testing corrections, the vocabulary
 * trackers and the alert rules it runs on a log it reads itself. Memory on every node is the
 * summaries', not the records'.
 *
 * <p>The frame holds one row per logged prediction: a timestamp column (default {@code time}), a
 * column per signal named as the monitor's feature (numbers for numeric signals; any type,
 * compared as text, for categorical ones; text for text fields), and, when the monitor
 * watches them, {@code prediction} (text) and {@code confidence} (the top score). A missing
 * (null) or non-finite value is counted as bad; a row with no usable value is counted as skipped,
 * as the monitor does; an empty text is a text with no term. Windows are {@code [start + i *
 * length, start + (i + 1) * length)}; rows before {@code start} are left out; every window from
 * the first to the last one with data is closed in order, empty ones too, as a polling monitor
 * would.
 *
 * <p><b>Text fields.</b> A vocabulary tracker's sequential test reads the texts in time order,
 * so when the monitor watches text fields the frame is range-partitioned by time (one shuffle of
 * the selected columns) and sorted within each partition; each partition fills one summary per
 * window it holds, and the summaries are merged per window as an aggregator (see {@link
 * dev.ciclo.monitor.vocabulary.VocabularySummary} for what then equals the monitor reading the log:
 * everything, up to floating-point rounding of the statistic and the Space-Saving bound of the
 * emerging terms past the tracker's counters). Rows with the same time are taken in the order
 * Spark sorts them, which may differ from a log's order. Without text fields the rows are not
 * shuffled: each partition's summaries are merged as they are.
 */
public final class SparkDrift {
  private final LogMonitor monitor;
  private final Instant start;
  private final Duration window;
  private final String timeColumn;
  private final int partitions;

  private SparkDrift(Builder b) {
    this.monitor = b.monitor;
    this.start = b.start;
    this.window = b.window;
    this.timeColumn = b.timeColumn;
    this.partitions = b.partitions;
  }

  /**
   * A builder for a drift job decided by the given monitor (typically one built with
   * {@link LogMonitor#builder(String)}, fed only by Spark).
   *
   * @param monitor the monitor whose references, tests and alert rules decide
   * @return a new builder
   */
  public static Builder builder(LogMonitor monitor) {
    return new Builder(monitor);
  }

  /** Configures a {@link SparkDrift}. */
  public static final class Builder {
    private final LogMonitor monitor;
    private Instant start;
    private Duration window;
    private String timeColumn = "time";
    private int partitions;

    private Builder(LogMonitor monitor) {
      this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /**
     * The start of the first window. Required.
     *
     * @param value the instant
     * @return this builder
     */
    public Builder start(Instant value) {
      this.start = Objects.requireNonNull(value, "start");
      return this;
    }

    /**
     * The length of a window. Required.
     *
     * @param length positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder window(Duration length) {
      Objects.requireNonNull(length, "window");
      if (length.isZero() || length.isNegative() || length.toMillis() == 0) {
        throw new IllegalArgumentException("window must be at least 1 ms but was " + length);
      }
      this.window = length;
      return this;
    }

    /**
     * The timestamp column; default {@code time}.
     *
     * @param name the column name, not blank
     * @return this builder
     */
    public Builder timeColumn(String name) {
      Objects.requireNonNull(name, "timeColumn");
      if (name.isBlank()) {
        throw new IllegalArgumentException("timeColumn must not be blank");
      }
      this.timeColumn = name;
      return this;
    }

    /**
     * How many time ranges the frame is split into when the monitor watches text fields; default
     * the session's {@code spark.sql.shuffle.partitions}.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder partitions(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("partitions must be at least 1 but was " + value);
      }
      this.partitions = value;
      return this;
    }

    /**
     * Builds the job.
     *
     * @return the job
     * @throws IllegalStateException if start or window is missing
     */
    public SparkDrift build() {
      if (start == null || window == null) {
        throw new IllegalStateException("a SparkDrift needs start and window, but start was "
            + start + " and window was " + window);
      }
      return new SparkDrift(this);
    }
  }

  /**
   * Runs the job: one Spark aggregation over the frame, then the monitor decides each window in
   * order. The windows' reports are in the monitor's {@link LogMonitor#report()}.
   *
   * @param frame the logged predictions
   * @return the alerts, in window order
   * @throws IllegalArgumentException if a column the monitor needs is missing or has a type that
   *     cannot hold its values
   */
  public List<Alert> run(Dataset<Row> frame) {
    Objects.requireNonNull(frame, "frame");
    WindowSketches shape = monitor.newWindow();
    List<Column> cols = new ArrayList<>();
    List<String> numeric = shape.numericFeatures();
    for (int i = 0; i < numeric.size(); i++) {
      DataType t = type(frame, numeric.get(i));
      if (!(t instanceof NumericType)) {
        throw new IllegalArgumentException("column '" + numeric.get(i) + "' must hold numbers "
            + "but was " + t.simpleString());
      }
      cols.add(col(numeric.get(i)).cast(DataTypes.DoubleType));
    }
    for (String f : shape.categoricalFeatures()) {
      type(frame, f);
      cols.add(col(f));
    }
    Map<String, VocabularySummarizer> text = new LinkedHashMap<>();
    for (String f : shape.textFields()) {
      DataType t = type(frame, f);
      if (!(t instanceof StringType)) {
        throw new IllegalArgumentException("column '" + f + "' must hold text but was "
            + t.simpleString());
      }
      text.put(f, monitor.summarizer(f));
      cols.add(col(f));
    }
    if (shape.tracksPredictions()) {
      type(frame, "prediction");
      cols.add(col("prediction").cast(DataTypes.StringType));
    }
    if (shape.tracksConfidence()) {
      if (!(type(frame, "confidence") instanceof NumericType)) {
        throw new IllegalArgumentException("column 'confidence' must hold numbers but was "
            + type(frame, "confidence").simpleString());
      }
      cols.add(col("confidence").cast(DataTypes.DoubleType));
    }
    type(frame, timeColumn);
    Column millis = unix_millis(col(timeColumn).cast(DataTypes.TimestampType));
    cols.add(millis.as("__millis"));
    long startMillis = start.toEpochMilli();
    long len = window.toMillis();
    cols.add(floor(millis.minus(lit(startMillis)).divide(lit(len))).cast(DataTypes.LongType)
        .as("__window"));
    int windowIndex = cols.size() - 1;
    Dataset<Row> rows = frame.select(cols.toArray(new Column[0]))
        .where(col("__window").geq(0));
    SketchAggregator agg = new SketchAggregator(numeric, shape.categoricalFeatures(), text,
        shape.tracksPredictions(), shape.tracksConfidence());
    List<Tuple2<Long, WindowSketches>> out = text.isEmpty()
        ? rows.groupByKey((MapFunction<Row, Long>) r -> r.getLong(windowIndex), Encoders.LONG())
            .agg(agg.toColumn())
            .collectAsList()
        : inTimeOrder(rows, agg, partitions);
    Map<Long, WindowSketches> byWindow = new TreeMap<>();
    for (Tuple2<Long, WindowSketches> t : out) {
      byWindow.put(t._1(), t._2());
    }
    List<Alert> alerts = new ArrayList<>();
    if (byWindow.isEmpty()) {
      return alerts;
    }
    long last = ((TreeMap<Long, WindowSketches>) byWindow).lastKey();
    for (long w = 0; w <= last; w++) {
      WindowSketches s = byWindow.getOrDefault(w, monitor.newWindow());
      Instant from = start.plus(window.multipliedBy(w));
      alerts.addAll(monitor.closeWindow(from, from.plus(window), s));
    }
    return alerts;
  }

  /**
   * The rows range-partitioned by time and sorted, each partition's summaries filled in time
   * order, then merged per window.
   */
  static List<Tuple2<Long, WindowSketches>> inTimeOrder(Dataset<Row> rows, SketchAggregator agg,
      int partitions) {
    int n = partitions > 0 ? partitions
        : Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    Encoder<WindowSketches> sketches = Encoders.javaSerialization(WindowSketches.class);
    return rows.repartitionByRange(n, col("__millis"))
        .sortWithinPartitions(col("__millis"))
        .mapPartitions((MapPartitionsFunction<Row, Tuple2<Long, WindowSketches>>) agg::partition,
            Encoders.tuple(Encoders.LONG(), sketches))
        .groupByKey((MapFunction<Tuple2<Long, WindowSketches>, Long>) Tuple2::_1,
            Encoders.LONG())
        .mapValues((MapFunction<Tuple2<Long, WindowSketches>, WindowSketches>) Tuple2::_2,
            sketches)
        .reduceGroups((ReduceFunction<WindowSketches>) agg::merge)
        .collectAsList();
  }

  private static DataType type(Dataset<Row> frame, String column) {
    StructField[] fields = frame.schema().fields();
    for (StructField f : fields) {
      if (f.name().equals(column)) {
        return f.dataType();
      }
    }
    throw new IllegalArgumentException("the frame has no column '" + column + "' (it has "
        + Arrays.toString(frame.schema().fieldNames()) + ")");
  }
}
