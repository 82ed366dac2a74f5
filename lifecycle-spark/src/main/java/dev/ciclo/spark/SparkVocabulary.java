package dev.ciclo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

import dev.ciclo.monitor.WindowSketches;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import dev.ciclo.monitor.vocabulary.VocabularyWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

/**
 * Vocabulary drift over a large log on Spark, window by window in detail: the {@link
 * VocabularyWindow}s a {@link VocabularyDrift} tracker with these settings reports after reading
 * the texts in time order. A thin job over the monitor's own summaries: the frame is
 * range-partitioned by time and sorted within each partition, each partition fills a {@link
 * dev.ciclo.monitor.vocabulary.VocabularySummary} per window with the tracker's summarizer, the
 * summaries are merged per window as an aggregator, and the tracker (built afresh for each run)
 * takes each window's merged summary and reports it. Memory is the summaries'.
 *
 * <p>What equals reading the texts in order, and what is approximate, is stated by {@link
 * dev.ciclo.monitor.vocabulary.VocabularySummary}: everything, up to floating-point rounding of
 * the sequential statistic, with the emerging terms exact while a window has at most as many
 * distinct out-of-vocabulary terms as the tracker's counters. Texts with the same timestamp are
 * taken in the order Spark sorts them, which may differ from a log's order.
 *
 * <p>For alerts with the monitor's tests and rules, watch the text field in a {@link
 * dev.ciclo.monitor.LogMonitor} and run {@link SparkDrift} over the same frame: the monitor takes
 * the same summaries through {@code closeWindow}. This job is for the windows' details (interval,
 * new-term share, emerging terms).
 */
public final class SparkVocabulary {

  /** How texts become terms; runs on executors. */
  @FunctionalInterface
  public interface Tokenizer extends Serializable {
    /**
     * The terms of a text.
     *
     * @param text the text
     * @return its terms
     */
    List<String> tokens(String text);
  }

  private final Set<String> vocabulary;
  private final Tokenizer tokenizer;
  private final double p0;
  private final double p1;
  private final double alarmRate;
  private final double threshold;
  private final double confidence;
  private final int topTerms;
  private final Instant start;
  private final Duration window;
  private final String timeColumn;
  private final String textColumn;
  private final int partitions;

  private SparkVocabulary(Builder b) {
    this.vocabulary = Set.copyOf(b.vocabulary);
    this.tokenizer = b.tokenizer;
    this.p0 = b.p0;
    this.p1 = b.p1; // NaN: the tracker's default
    this.threshold = b.threshold;
    this.confidence = b.confidence;
    this.topTerms = b.topTerms;
    this.start = b.start;
    this.window = b.window;
    this.timeColumn = b.timeColumn;
    this.textColumn = b.textColumn;
    this.partitions = b.partitions;
    this.alarmRate = tracker().alarmRate(); // checks the settings as the tracker does
  }

  /**
   * A builder with the training vocabulary; its settings mean what {@link
   * VocabularyDrift.Builder}'s mean, with the same defaults.
   *
   * @param vocabulary the terms the model was trained on, as the tokenizer produces them
   * @return a new builder
   */
  public static Builder builder(Set<String> vocabulary) {
    return new Builder(vocabulary);
  }

  /** Configures a {@link SparkVocabulary}. */
  public static final class Builder {
    private final Set<String> vocabulary;
    private Tokenizer tokenizer; // null: the tracker's default
    private double p0 = 0.01;
    private double p1 = Double.NaN;
    private double threshold = 20;
    private double confidence = 0.95;
    private int topTerms = 20;
    private Instant start;
    private Duration window;
    private String timeColumn = "time";
    private String textColumn;
    private int partitions;

    private Builder(Set<String> vocabulary) {
      this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /**
     * The tokenizer; default {@link VocabularyDrift#tokenize}.
     *
     * @param value the tokenizer
     * @return this builder
     */
    public Builder tokenizer(Tokenizer value) {
      this.tokenizer = Objects.requireNonNull(value, "tokenizer");
      return this;
    }

    /**
     * The baseline out-of-vocabulary rate; default 0.01.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     */
    public Builder baselineRate(double value) {
      this.p0 = open01(value, "baselineRate");
      return this;
    }

    /**
     * The smallest rate worth an alarm; default {@code max(2 p0, p0 + 0.01)}.
     *
     * @param value in {@code (baselineRate, 1)}
     * @return this builder
     */
    public Builder alarmRate(double value) {
      this.p1 = open01(value, "alarmRate");
      return this;
    }

    /**
     * The sequential test's threshold; default 20.
     *
     * @param value positive
     * @return this builder
     */
    public Builder threshold(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("threshold must be positive but was " + value);
      }
      this.threshold = value;
      return this;
    }

    /**
     * The confidence of the interval; default 0.95.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     */
    public Builder confidence(double value) {
      this.confidence = open01(value, "confidence");
      return this;
    }

    /**
     * How many emerging terms to report; default 20.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder topTerms(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("topTerms must be at least 1 but was " + value);
      }
      this.topTerms = value;
      return this;
    }

    /**
     * The windows: {@code [start + i * length, start + (i + 1) * length)}. Required.
     *
     * @param first the start of the first window
     * @param length positive, at least 1 ms
     * @return this builder
     */
    public Builder windows(Instant first, Duration length) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(length, "length");
      if (length.toMillis() <= 0) {
        throw new IllegalArgumentException("window must be at least 1 ms but was " + length);
      }
      this.start = first;
      this.window = length;
      return this;
    }

    /**
     * The columns: the timestamp (default {@code time}) and the text (required).
     *
     * @param time the timestamp column
     * @param text the text column (a null text is left out)
     * @return this builder
     */
    public Builder columns(String time, String text) {
      this.timeColumn = Objects.requireNonNull(time, "time");
      this.textColumn = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * How many time ranges the frame is split into; default the session's shuffle partitions.
     *
     * @param value at least 1
     * @return this builder
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
     * @throws IllegalStateException if the windows or the text column are missing
     * @throws IllegalArgumentException if the alarm rate is not above the baseline rate
     */
    public SparkVocabulary build() {
      if (start == null || textColumn == null) {
        throw new IllegalStateException("a SparkVocabulary needs windows and a text column");
      }
      return new SparkVocabulary(this);
    }

    private static double open01(double v, String name) {
      if (!(v > 0 && v < 1)) {
        throw new IllegalArgumentException(name + " must be in (0, 1) but was " + v);
      }
      return v;
    }
  }

  /**
   * Runs the job.
   *
   * @param frame the texts with their timestamps
   * @return one summary per window, from the first to the last window with texts, empty ones
   *     included, in order
   * @throws IllegalArgumentException if the time or text column is missing or the text column
   *     does not hold text
   */
  public List<VocabularyWindow> run(Dataset<Row> frame) {
    Objects.requireNonNull(frame, "frame");
    VocabularyDrift tracker = tracker();
    DataType type = type(frame, textColumn);
    if (!(type instanceof StringType)) {
      throw new IllegalArgumentException("column '" + textColumn + "' must hold text but was "
          + type.simpleString());
    }
    type(frame, timeColumn);
    Column millis = unix_millis(col(timeColumn).cast(DataTypes.TimestampType));
    Dataset<Row> rows = frame
        .select(col(textColumn), millis.as("__millis"),
            floor(millis.minus(lit(start.toEpochMilli())).divide(lit(window.toMillis())))
                .cast(DataTypes.LongType).as("__window"))
        .where(col("__window").geq(0).and(col(textColumn).isNotNull()));
    SketchAggregator agg = new SketchAggregator(List.of(), List.of(),
        Map.of(textColumn, tracker.summarizer()), false, false);
    TreeMap<Long, WindowSketches> byWindow = new TreeMap<>();
    for (Tuple2<Long, WindowSketches> t : SparkDrift.inTimeOrder(rows, agg, partitions)) {
      byWindow.put(t._1(), t._2());
    }
    List<VocabularyWindow> out = new ArrayList<>();
    if (byWindow.isEmpty()) {
      return out;
    }
    for (long w = 0; w <= byWindow.lastKey(); w++) {
      WindowSketches s = byWindow.get(w);
      if (s != null) {
        tracker.add(s.text(textColumn));
      }
      out.add(tracker.closeWindow());
    }
    return out;
  }

  /** A fresh tracker with this job's settings. */
  private VocabularyDrift tracker() {
    VocabularyDrift.Builder b = VocabularyDrift.builder(vocabulary).baselineRate(p0)
        .threshold(threshold).confidence(confidence).topTerms(topTerms);
    if (!Double.isNaN(p1)) {
      b.alarmRate(p1);
    }
    if (tokenizer != null) {
      Tokenizer tok = tokenizer;
      b.tokenizer((Function<String, List<String>> & Serializable) tok::tokens);
    }
    return b.build();
  }

  private static DataType type(Dataset<Row> frame, String column) {
    for (StructField f : frame.schema().fields()) {
      if (f.name().equals(column)) {
        return f.dataType();
      }
    }
    throw new IllegalArgumentException("the frame has no column '" + column + "' (it has "
        + Arrays.toString(frame.schema().fieldNames()) + ")");
  }

  /**
   * The alarm rate in use (given, or the default from the baseline rate).
   *
   * @return {@code p1}
   */
  public double alarmRate() {
    return alarmRate;
  }
}
