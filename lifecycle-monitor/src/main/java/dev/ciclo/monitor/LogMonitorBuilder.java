package dev.ciclo.monitor;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.AlertListener;
import dev.ciclo.monitor.batch.DataProfile;
import dev.ciclo.monitor.batch.DatasetDrift;
import dev.ciclo.monitor.performance.PerformanceTracker;
import dev.ciclo.monitor.sketch.QuantileSketch;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Settings and reference data of a {@link LogMonitor}; each setter checks its value at once,
 * {@link #build()} checks what spans settings. Not thread-safe; the monitor it builds owns copies.
 *
 * <p>Defaults: time windows of one hour starting at the clock's instant when built; the system
 * clock; windows with fewer than 30 records are reported but not tested; Benjamini-Hochberg at
 * {@code alpha = 0.001} with a share of 0.5 for the dataset rule. The level is stricter than a
 * one-off comparison's 0.05 because a monitor tests every window: at 0.05 a stable model with a
 * handful of watched subjects would alarm about once in every twenty windows.
 */
public final class LogMonitorBuilder {
  final String name;
  final PredictionLog log;
  final WindowAccumulator.References refs = new WindowAccumulator.References();
  final List<AlertListener> listeners = new ArrayList<>();
  InstantSource clock = InstantSource.system();
  Duration window = Duration.ofHours(1);
  int windowCount;
  int minRecords = 30;
  Instant start;
  DatasetDrift datasetRule = DatasetDrift.builder().alpha(0.001).build();
  PerformanceTracker performance;
  Set<String> logged;

  LogMonitorBuilder(String name, PredictionLog log) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
    }
    this.name = name;
    this.log = log; // null: fed with LogMonitor.closeWindow
  }

  /**
   * Watches a numeric input field (a number as text) against reference values.
   *
   * @param field the input field's name, not blank
   * @param reference the reference values (training data), finite, not empty
   * @return this builder
   * @throws IllegalArgumentException if the reference is empty or holds NaN
   */
  public LogMonitorBuilder numericFeature(String field, double[] reference) {
    Checks.finiteSample(reference, "reference");
    QuantileSketch s = QuantileSketch.create();
    s.addAll(reference);
    refs.numeric.put(checkField(field), s);
    return this;
  }

  /**
   * Watches every feature of a reference dataset: its inputs are turned into signals by the
   * same function the served model logs them with, numeric signals become numeric features
   * (their reference sketched) and categories categorical features.
   *
   * @param reference the reference dataset (such as the training set), not empty
   * @param signals the served model's signal function
   * @param <X> the input type
   * @return this builder
   * @throws IllegalArgumentException if the dataset is empty or gives no signal
   */
  public <X> LogMonitorBuilder reference(
      Dataset<X, ?> reference, Function<? super X, Map<String, Signal>> signals) {
    return reference(DataProfile.of(reference, signals));
  }

  /**
   * Watches every feature of a reference profile (see {@link #reference(Dataset, Function)}).
   *
   * @param reference the profile, not empty
   * @return this builder
   * @throws IllegalArgumentException if the profile has no feature
   */
  public LogMonitorBuilder reference(DataProfile reference) {
    Objects.requireNonNull(reference, "reference");
    if (reference.numeric().isEmpty() && reference.categorical().isEmpty()) {
      throw new IllegalArgumentException("reference " + reference.name()
          + " has no feature to watch (" + reference.rows() + " rows)");
    }
    reference.numeric().forEach((f, sketch) -> {
      QuantileSketch copy = QuantileSketch.create();
      copy.merge(sketch);
      refs.numeric.put(checkField(f), copy);
    });
    reference.categorical().forEach((f, counts) -> categoricalFeature(f, counts.asMap()));
    return this;
  }

  /**
   * Watches a categorical input field against reference counts.
   *
   * @param field the input field's name, not blank
   * @param referenceCounts counts by category in the reference, not all 0
   * @return this builder
   * @throws IllegalArgumentException if the counts are empty or negative
   */
  public LogMonitorBuilder categoricalFeature(String field, Map<String, Long> referenceCounts) {
    refs.categorical.put(checkField(field), checkCounts(referenceCounts));
    return this;
  }

  /**
   * Watches the vocabulary of a text input field (a transcript, a query).
   *
   * @param field the input field's name, not blank
   * @param tracker the tracker holding the training vocabulary; the monitor owns it from now on
   * @return this builder
   */
  public LogMonitorBuilder textField(String field, VocabularyDrift tracker) {
    refs.text.put(checkField(field), Objects.requireNonNull(tracker, "tracker"));
    return this;
  }

  /**
   * Watches the shares of predicted classes against reference counts (for example the
   * predictions on the validation set).
   *
   * @param referenceCounts counts by predicted class, not all 0
   * @return this builder
   * @throws IllegalArgumentException if the counts are empty or negative
   */
  public LogMonitorBuilder predictions(Map<String, Long> referenceCounts) {
    refs.predictions = checkCounts(referenceCounts);
    return this;
  }

  /**
   * Watches the confidence (the largest score of each record) against reference confidences.
   *
   * @param reference reference confidences, finite, not empty
   * @return this builder
   * @throws IllegalArgumentException if empty or holding NaN
   */
  public LogMonitorBuilder confidence(double[] reference) {
    Checks.finiteSample(reference, "reference");
    QuantileSketch s = QuantileSketch.create();
    s.addAll(reference);
    refs.confidence = s;
    return this;
  }

  /**
   * Tracks accuracy from late labels ({@link LogMonitor#label}) and alerts on its detector.
   *
   * @param tracker the tracker; the monitor owns it from now on
   * @return this builder
   */
  public LogMonitorBuilder performance(PerformanceTracker tracker) {
    this.performance = Objects.requireNonNull(tracker, "tracker");
    return this;
  }

  /**
   * Time windows of this length (the default, one hour); replaces count windows.
   *
   * @param length positive
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public LogMonitorBuilder window(Duration length) {
    Objects.requireNonNull(length, "length");
    if (length.isZero() || length.isNegative()) {
      throw new IllegalArgumentException("window must be positive but was " + length);
    }
    this.window = length;
    this.windowCount = 0;
    return this;
  }

  /**
   * Windows of this many usable records each instead of time windows; a partial window waits
   * for more records across polls.
   *
   * @param records at least 1
   * @return this builder
   * @throws IllegalArgumentException if below 1
   */
  public LogMonitorBuilder windowByCount(int records) {
    this.windowCount = Checks.atLeast(records, 1, "records");
    this.window = null;
    return this;
  }

  /**
   * Windows with fewer usable records are reported but not tested; default 30.
   *
   * @param records at least 1
   * @return this builder
   * @throws IllegalArgumentException if below 1
   */
  public LogMonitorBuilder minRecords(int records) {
    this.minRecords = Checks.atLeast(records, 1, "minRecords");
    return this;
  }

  /**
   * The clock that says which windows are complete; default the system clock.
   *
   * @param value the clock
   * @return this builder
   */
  public LogMonitorBuilder clock(InstantSource value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /**
   * Where reading starts; default the clock's instant when built.
   *
   * @param value the first instant read
   * @return this builder
   */
  public LogMonitorBuilder start(Instant value) {
    this.start = Objects.requireNonNull(value, "start");
    return this;
  }

  /**
   * The multiple-testing correction and share rule for the feature tests.
   *
   * @param value the rule; default Benjamini-Hochberg at 0.001, share 0.5
   * @return this builder
   */
  public LogMonitorBuilder datasetRule(DatasetDrift value) {
    this.datasetRule = Objects.requireNonNull(value, "datasetRule");
    return this;
  }

  /**
   * Adds a listener from the start.
   *
   * @param listener the listener
   * @return this builder
   */
  public LogMonitorBuilder listener(AlertListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The signals the log's records carry, when they are known in advance (for example a served
   * model's {@code signalNames()}); {@link #build()} then fails if the monitor would read a
   * signal no record carries, instead of finding it out as a "no data" alert. Default: unknown.
   *
   * @param names the signal names
   * @return this builder
   */
  public LogMonitorBuilder loggedSignals(Set<String> names) {
    this.logged = Set.copyOf(names);
    return this;
  }

  /**
   * Makes the monitor.
   *
   * @return the monitor
   * @throws IllegalStateException if nothing is watched
   */
  public LogMonitor build() {
    if (refs.numeric.isEmpty() && refs.categorical.isEmpty() && refs.text.isEmpty()
        && refs.predictions == null && refs.confidence == null && performance == null) {
      throw new IllegalStateException("monitor '" + name + "' watches nothing: add a feature, "
          + "a text field, predictions, confidence or performance");
    }
    if (logged != null) {
      List<String> missing = new ArrayList<>();
      refs.numeric.keySet().stream().filter(k -> !logged.contains(k)).forEach(missing::add);
      refs.categorical.keySet().stream().filter(k -> !logged.contains(k)).forEach(missing::add);
      refs.text.keySet().stream().filter(k -> !logged.contains(k)).forEach(missing::add);
      if (!missing.isEmpty()) {
        throw new IllegalStateException("monitor '" + name + "' reads signals " + missing
            + " that no logged record carries; the records carry " + new TreeSet<>(logged)
            + " (declare them in the served model's signal function)");
      }
    }
    return new LogMonitor(this);
  }

  private static String checkField(String field) {
    Objects.requireNonNull(field, "field");
    if (field.isBlank()) {
      throw new IllegalArgumentException("field must not be blank but was '" + field + "'");
    }
    return field;
  }

  private static Map<String, Long> checkCounts(Map<String, Long> counts) {
    Objects.requireNonNull(counts, "referenceCounts");
    long total = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("referenceCounts must not be negative but "
            + e.getKey() + " was " + e.getValue());
      }
      total += e.getValue();
    }
    if (total == 0) {
      throw new IllegalArgumentException("referenceCounts must not be empty (all counts were 0)");
    }
    return new LinkedHashMap<>(counts);
  }
}
