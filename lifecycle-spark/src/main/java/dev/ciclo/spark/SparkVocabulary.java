package dev.ciclo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import dev.ciclo.monitor.vocabulary.VocabularyWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Vocabulary drift over a large log on Spark: the same windows as a {@link VocabularyDrift}
 * tracker reading the texts in time order, computed per partition and merged.
 *
 * <p>The frame is range-partitioned by time and sorted within each partition; each partition
 * summarises each window's texts it holds (counts of texts, tokens and out-of-vocabulary tokens,
 * the distinct terms, the Space-Saving counters of out-of-vocabulary terms, and the effect of its
 * tokens on the sequential test, see {@link VocabularySegment}); only these summaries reach the
 * driver, which merges each window's summaries in time order and runs the tracker's sequential
 * test across windows. Memory is the summaries', bounded as the tracker's.
 *
 * <p><b>Same decisions.</b> Each {@link VocabularyWindow} equals the one a tracker with the same
 * settings gives for the same texts in time order: the counts, the rate and its Wilson interval
 * exactly; the alarm flag (the monitor's decision, its {@code vocabulary:<field>} result)
 * exactly unless the statistic passes within floating-point rounding (about 1e-12) of the
 * threshold; the statistic to that rounding. Two bounded parts are exact while within their
 * bounds, as merged summaries always are: the distinct terms while a window has at most 100,000
 * of them, and the emerging terms while a window has at most as many distinct
 * out-of-vocabulary terms as counters ({@code max(10 * topTerms, 100)}); past those bounds they
 * are the merged estimates (Space-Saving's error bound holds). Texts with the same timestamp are
 * taken in the order Spark sorts them, which may differ from a log's order.
 *
 * <p>The tracker's state does not live in a {@code LogMonitor}: a monitor's text fields take
 * their texts from the log it reads, and {@code LogMonitor.closeWindow} carries no text summary;
 * this job reports the tracker's windows itself.
 */
public final class SparkVocabulary {
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
  private static final int MAX_DISTINCT = 100_000;

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
    this.p1 = Double.isNaN(b.p1) ? Math.min(Math.max(2 * b.p0, b.p0 + 0.01), 0.99) : b.p1;
    if (!(p1 > p0 && p1 < 1)) {
      throw new IllegalArgumentException(
          "alarmRate must be between baselineRate (" + p0 + ") and 1 but was " + p1);
    }
    this.threshold = b.threshold;
    this.confidence = b.confidence;
    this.topTerms = b.topTerms;
    this.start = b.start;
    this.window = b.window;
    this.timeColumn = b.timeColumn;
    this.textColumn = b.textColumn;
    this.partitions = b.partitions;
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
    private Tokenizer tokenizer = VocabularyDrift::tokenize;
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
   */
  public List<VocabularyWindow> run(Dataset<Row> frame) {
    Objects.requireNonNull(frame, "frame");
    org.apache.spark.sql.Column millis =
        unix_millis(col(timeColumn).cast(DataTypes.TimestampType));
    long s0 = start.toEpochMilli();
    long len = window.toMillis();
    Dataset<Row> rows = frame
        .select(millis.as("__millis"), col(textColumn).cast(DataTypes.StringType).as("__text"))
        .where(col("__millis").geq(s0).and(col("__text").isNotNull()))
        .withColumn("__window",
            floor(col("__millis").minus(lit(s0)).divide(lit(len))).cast(DataTypes.LongType));
    int n = partitions > 0 ? partitions
        : Integer.parseInt(frame.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    Dataset<Row> ordered = rows.repartitionByRange(n, col("__millis"))
        .sortWithinPartitions(col("__millis"));
    Set<String> vocab = vocabulary;
    Tokenizer tok = tokenizer;
    double h = threshold;
    double llrOov = Math.log(p1 / p0);
    double llrKnown = Math.log((1 - p1) / (1 - p0));
    int counters = Math.max(10 * topTerms, 100);
    Function2<Integer, Iterator<Row>, Iterator<VocabularySegment>> summarise = (part, it) -> {
      List<VocabularySegment> out = new ArrayList<>();
      VocabularySegment seg = null;
      while (it.hasNext()) {
        Row r = it.next();
        long w = r.getLong(2);
        if (seg == null || seg.window != w) {
          seg = new VocabularySegment(w, part, h, counters);
          out.add(seg);
        }
        seg.texts++;
        for (String t : tok.tokens(r.getString(1))) {
          boolean known = vocab.contains(t);
          seg.token(t, known, known ? llrKnown : llrOov, MAX_DISTINCT);
        }
      }
      return out.iterator();
    };
    List<VocabularySegment> segments =
        ordered.javaRDD().mapPartitionsWithIndex(summarise, true).collect();
    TreeMap<Long, List<VocabularySegment>> byWindow = new TreeMap<>();
    for (VocabularySegment s : segments) {
      byWindow.computeIfAbsent(s.window, k -> new ArrayList<>()).add(s);
    }
    List<VocabularyWindow> out = new ArrayList<>();
    if (byWindow.isEmpty()) {
      return out;
    }
    double z = STANDARD_NORMAL.inverseCumulativeProbability(0.5 + confidence / 2);
    double cusum = 0;
    for (long w = 0; w <= byWindow.lastKey(); w++) {
      List<VocabularySegment> parts = byWindow.getOrDefault(w, List.of());
      parts.sort(Comparator.comparingInt(p -> p.part));
      VocabularySegment all = new VocabularySegment(w, -1, h, counters);
      boolean alarmed = false;
      for (VocabularySegment p : parts) {
        double[] after = p.apply(cusum);
        cusum = after[0];
        alarmed |= after[1] > 0;
        all.mergeCounts(p, MAX_DISTINCT);
      }
      out.add(window(all, cusum, alarmed, z));
    }
    return out;
  }

  /** The window as {@link VocabularyDrift#closeWindow()} reports it. */
  private VocabularyWindow window(VocabularySegment s, double cusum, boolean alarmed, double z) {
    double rate = s.tokens == 0 ? 0 : (double) s.oov / s.tokens;
    double lo = 0;
    double hi = 1;
    if (s.tokens > 0) {
      double n = s.tokens;
      double z2 = z * z;
      double center = (rate + z2 / (2 * n)) / (1 + z2 / n);
      double half = z * Math.sqrt(rate * (1 - rate) / n + z2 / (4 * n * n)) / (1 + z2 / n);
      lo = Math.max(0, center - half);
      hi = Math.min(1, center + half);
    }
    int distinct = s.distinct.size();
    return new VocabularyWindow(s.texts, s.tokens, s.oov, rate, lo, hi, distinct,
        distinct == 0 ? 0 : (double) s.newTerms() / distinct, s.top(topTerms), cusum, alarmed);
  }

  /**
   * The alarm rate in use (given, or the default from the baseline rate).
   *
   * @return {@code p1}
   */
  public double alarmRate() {
    return p1;
  }
}
