package dev.ciclo.monitor;

import dev.ciclo.monitor.sketch.CategoryCounts;
import dev.ciclo.monitor.sketch.QuantileSketch;
import dev.ciclo.monitor.vocabulary.VocabularySummarizer;
import dev.ciclo.monitor.vocabulary.VocabularySummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One window of a {@link LogMonitor} in summary form, filled elsewhere: the same bounded-memory
 * sketches the monitor keeps while it reads a log (a {@link QuantileSketch} per numeric feature
 * and for confidence, {@link CategoryCounts} per categorical feature and for predicted classes,
 * a {@link VocabularySummary} per text field), plus the record counters. Summaries of parts of one window merge into the summary of the whole
 * window, so an engine such as Spark can fill one per partition, merge them, and hand the result
 * to {@link LogMonitor#closeWindow(Instant, Instant, WindowSketches)}, which runs the monitor's
 * own tests, corrections and alert rules on it.
 *
 * <p>Get an empty one shaped by the monitor's reference data from {@link LogMonitor#newWindow()}.
 * Serializable (Java serialization, plain fields only: no clock, no monitor) so that engines can
 * ship it between nodes; not a storage format.
 *
 * <p>Not thread-safe.
 */
public final class WindowSketches implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, QuantileSketch> numeric = new LinkedHashMap<>();
  private final LinkedHashMap<String, CategoryCounts> categorical = new LinkedHashMap<>();
  private final LinkedHashMap<String, VocabularySummary> text = new LinkedHashMap<>();
  private CategoryCounts predictions;
  private QuantileSketch confidence;
  private long records;
  private long skipped;
  private long badValues;
  private long firstMillis = Long.MAX_VALUE;
  private long lastMillis = Long.MIN_VALUE;

  private WindowSketches(List<String> numericFeatures, List<String> categoricalFeatures,
      List<String> textFields, boolean predictions, boolean confidence) {
    numericFeatures.forEach(f -> numeric.put(f, QuantileSketch.create()));
    categoricalFeatures.forEach(f -> categorical.put(f, CategoryCounts.create()));
    textFields.forEach(f -> text.put(f, VocabularySummary.create()));
    this.predictions = predictions ? CategoryCounts.create() : null;
    this.confidence = confidence ? QuantileSketch.create() : null;
  }

  /**
   * An empty summary watching the given features, for engines that build summaries where the
   * monitor is not (Spark executors): it must match the monitor's {@link LogMonitor#newWindow()},
   * which {@link LogMonitor#closeWindow(Instant, Instant, WindowSketches)} checks.
   *
   * @param numericFeatures the numeric features, in the monitor's order
   * @param categoricalFeatures the categorical features, in the monitor's order
   * @param predictions whether predicted classes are watched
   * @param confidence whether confidence is watched
   * @return a new, empty summary
   */
  public static WindowSketches create(List<String> numericFeatures,
      List<String> categoricalFeatures, boolean predictions, boolean confidence) {
    return create(numericFeatures, categoricalFeatures, List.of(), predictions, confidence);
  }

  /**
   * An empty summary watching the given features and text fields, for engines that build
   * summaries where the monitor is not (Spark executors): it must match the monitor's {@link
   * LogMonitor#newWindow()}, which {@link LogMonitor#closeWindow(Instant, Instant, WindowSketches)}
   * checks. Fill the text fields' summaries with the monitor's {@link
   * LogMonitor#summarizer(String)}.
   *
   * @param numericFeatures the numeric features, in the monitor's order
   * @param categoricalFeatures the categorical features, in the monitor's order
   * @param textFields the text fields watched for vocabulary drift, in the monitor's order
   * @param predictions whether predicted classes are watched
   * @param confidence whether confidence is watched
   * @return a new, empty summary
   */
  public static WindowSketches create(List<String> numericFeatures,
      List<String> categoricalFeatures, List<String> textFields, boolean predictions,
      boolean confidence) {
    return new WindowSketches(List.copyOf(numericFeatures), List.copyOf(categoricalFeatures),
        List.copyOf(textFields), predictions, confidence);
  }

  /**
   * The numeric features the monitor compares, in its order.
   *
   * @return a new list
   */
  public List<String> numericFeatures() {
    return new ArrayList<>(numeric.keySet());
  }

  /**
   * The categorical features the monitor compares, in its order.
   *
   * @return a new list
   */
  public List<String> categoricalFeatures() {
    return new ArrayList<>(categorical.keySet());
  }

  /**
   * The text fields the monitor watches for vocabulary drift, in its order.
   *
   * @return a new list
   */
  public List<String> textFields() {
    return new ArrayList<>(text.keySet());
  }

  /**
   * The live vocabulary summary of a text field: fill it with the monitor's {@link
   * LogMonitor#summarizer(String)} (each summary's texts in time order, see {@link
   * VocabularySummary}).
   *
   * @param field one of {@link #textFields()}
   * @return the summary (not a copy)
   * @throws IllegalArgumentException if the monitor has no such text field
   */
  public VocabularySummary text(String field) {
    VocabularySummary v = text.get(Objects.requireNonNull(field, "field"));
    if (v == null) {
      throw new IllegalArgumentException("field must be one of the text fields " + text.keySet()
          + " but was '" + field + "'");
    }
    return v;
  }

  /**
   * The live sketch of a numeric feature: add its values to it.
   *
   * @param feature one of {@link #numericFeatures()}
   * @return the sketch (not a copy)
   * @throws IllegalArgumentException if the monitor has no such numeric feature
   */
  public QuantileSketch numeric(String feature) {
    QuantileSketch s = numeric.get(Objects.requireNonNull(feature, "feature"));
    if (s == null) {
      throw new IllegalArgumentException("feature must be one of " + numeric.keySet()
          + " but was '" + feature + "'");
    }
    return s;
  }

  /**
   * The live counts of a categorical feature: add its values to them.
   *
   * @param feature one of {@link #categoricalFeatures()}
   * @return the counts (not a copy)
   * @throws IllegalArgumentException if the monitor has no such categorical feature
   */
  public CategoryCounts categorical(String feature) {
    CategoryCounts c = categorical.get(Objects.requireNonNull(feature, "feature"));
    if (c == null) {
      throw new IllegalArgumentException("feature must be one of " + categorical.keySet()
          + " but was '" + feature + "'");
    }
    return c;
  }

  /**
   * Whether the monitor watches predicted classes.
   *
   * @return {@code true} if {@link #predictions()} may be called
   */
  public boolean tracksPredictions() {
    return predictions != null;
  }

  /**
   * Whether the monitor watches confidence (the top score).
   *
   * @return {@code true} if {@link #confidence()} may be called
   */
  public boolean tracksConfidence() {
    return confidence != null;
  }

  /**
   * The live counts of predicted classes.
   *
   * @return the counts (not a copy)
   * @throws IllegalStateException if the monitor does not watch predictions
   */
  public CategoryCounts predictions() {
    if (predictions == null) {
      throw new IllegalStateException("the monitor does not watch predictions");
    }
    return predictions;
  }

  /**
   * The live sketch of confidence (each record's top score).
   *
   * @return the sketch (not a copy)
   * @throws IllegalStateException if the monitor does not watch confidence
   */
  public QuantileSketch confidence() {
    if (confidence == null) {
      throw new IllegalStateException("the monitor does not watch confidence");
    }
    return confidence;
  }

  /**
   * Counts a record that gave at least one usable value.
   *
   * @param time the record's time
   */
  public void countRecord(Instant time) {
    long ms = time.toEpochMilli();
    records++;
    firstMillis = Math.min(firstMillis, ms);
    lastMillis = Math.max(lastMillis, ms);
  }

  /**
   * Adds one logged record the way a {@link LogMonitor} reading a log does: each watched numeric
   * feature's {@link dev.ciclo.api.log.Signal.Numeric} value, each watched categorical feature's
   * {@link dev.ciclo.api.log.Signal.Category}, the predicted class and the top score when they
   * are watched; a watched value that is missing or of the other kind is counted as bad; a record
   * that gave no usable value is counted as skipped. Text fields (vocabulary) are not summarised
   * here (see {@link #add(dev.ciclo.api.log.PredictionRecord, Map)}). For engines that read the
   * log themselves (Kafka, Spark).
   *
   * @param record the record
   * @return {@code true} if the record gave at least one usable value
   */
  public boolean add(dev.ciclo.api.log.PredictionRecord record) {
    return add(record, Map.of());
  }

  /**
   * Same as {@link #add(dev.ciclo.api.log.PredictionRecord)}, and also each text field's {@link
   * dev.ciclo.api.log.Signal.Category} text, through its summarizer (a missing text or one of the
   * other kind is counted as bad); text fields without a summarizer are left alone. Add each
   * window's records in time order (see {@link VocabularySummary}).
   *
   * @param record the record
   * @param summarizers the monitor's {@link LogMonitor#summarizer(String)} by text field
   * @return {@code true} if the record gave at least one usable value
   */
  public boolean add(dev.ciclo.api.log.PredictionRecord record,
      Map<String, VocabularySummarizer> summarizers) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(summarizers, "summarizers");
    boolean used = false;
    Map<String, dev.ciclo.api.log.Signal> in = record.signals();
    for (Map.Entry<String, QuantileSketch> e : numeric.entrySet()) {
      if (in.get(e.getKey()) instanceof dev.ciclo.api.log.Signal.Numeric n) {
        e.getValue().add(n.value());
        used = true;
      } else {
        badValues++;
      }
    }
    for (Map.Entry<String, CategoryCounts> e : categorical.entrySet()) {
      if (in.get(e.getKey()) instanceof dev.ciclo.api.log.Signal.Category c) {
        e.getValue().add(c.value());
        used = true;
      } else {
        badValues++;
      }
    }
    for (Map.Entry<String, VocabularySummary> e : text.entrySet()) {
      VocabularySummarizer sum = summarizers.get(e.getKey());
      if (sum == null) {
        continue;
      }
      if (in.get(e.getKey()) instanceof dev.ciclo.api.log.Signal.Category c) {
        sum.add(e.getValue(), c.value(), record.time());
        used = true;
      } else {
        badValues++;
      }
    }
    if (predictions != null && !record.prediction().isEmpty()) {
      predictions.add(record.prediction());
      used = true;
    }
    if (confidence != null && !record.scores().isEmpty()) {
      double max = Double.NEGATIVE_INFINITY;
      for (double s : record.scores().values()) {
        max = Math.max(max, s);
      }
      confidence.add(max);
      used = true;
    }
    if (used) {
      countRecord(record.time());
    } else {
      countSkipped();
    }
    return used;
  }

  /** Counts a record that gave no usable value. */
  public void countSkipped() {
    skipped++;
  }

  /** Counts a missing or unparsable value. */
  public void countBadValue() {
    badValues++;
  }

  /**
   * Adds another summary of the same monitor to this one; the other is unchanged.
   *
   * @param other a summary made by the same monitor's {@link LogMonitor#newWindow()}
   * @throws IllegalArgumentException if it watches other features or text fields, or a text
   *     field's summary was filled for a tracker with other settings
   */
  public void merge(WindowSketches other) {
    if (!other.numeric.keySet().equals(numeric.keySet())
        || !other.categorical.keySet().equals(categorical.keySet())
        || !other.text.keySet().equals(text.keySet())
        || (other.predictions == null) != (predictions == null)
        || (other.confidence == null) != (confidence == null)) {
      throw new IllegalArgumentException("other must watch the same features as this one ("
          + numeric.keySet() + ", " + categorical.keySet() + ", text " + text.keySet()
          + ") but watched " + other.numeric.keySet() + ", " + other.categorical.keySet()
          + ", text " + other.text.keySet());
    }
    text.forEach((k, v) -> v.merge(other.text.get(k))); // first: it may refuse other's
    numeric.forEach((k, s) -> s.merge(other.numeric.get(k)));
    categorical.forEach((k, c) -> c.merge(other.categorical.get(k)));
    if (predictions != null) {
      predictions.merge(other.predictions);
    }
    if (confidence != null) {
      confidence.merge(other.confidence);
    }
    records += other.records;
    skipped += other.skipped;
    badValues += other.badValues;
    firstMillis = Math.min(firstMillis, other.firstMillis);
    lastMillis = Math.max(lastMillis, other.lastMillis);
  }

  /**
   * How many records gave a usable value.
   *
   * @return the count
   */
  public long records() {
    return records;
  }

  /**
   * How many records gave no usable value.
   *
   * @return the count
   */
  public long skipped() {
    return skipped;
  }

  /**
   * How many values were missing or unparsable.
   *
   * @return the count
   */
  public long badValues() {
    return badValues;
  }

  Instant first() {
    return records == 0 ? null : Instant.ofEpochMilli(firstMillis);
  }

  Instant last() {
    return records == 0 ? null : Instant.ofEpochMilli(lastMillis);
  }

  Map<String, QuantileSketch> numericMap() {
    return numeric;
  }

  Map<String, CategoryCounts> categoricalMap() {
    return categorical;
  }

  Map<String, VocabularySummary> textMap() {
    return text;
  }
}
