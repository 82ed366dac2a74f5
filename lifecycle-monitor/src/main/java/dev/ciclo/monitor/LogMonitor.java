package dev.ciclo.monitor;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.LabelListener;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.AlertListener;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.api.monitor.Monitor;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.monitor.batch.DataProfile;
import dev.ciclo.monitor.batch.DatasetDrift;
import dev.ciclo.monitor.performance.PerformanceTracker;
import dev.ciclo.monitor.sketch.QuantileSketch;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import dev.ciclo.monitor.vocabulary.VocabularySummarizer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Monitor} over any {@link PredictionLog}: reads it in windows (by time or by count),
 * tests each window's inputs, predicted class shares and confidence against reference data,
 * tracks vocabulary drift in text fields and accuracy from late labels, and raises alerts.
 *
 * <p><b>Tests.</b> Numeric features (input fields holding numbers as text) are compared with
 * Kolmogorov-Smirnov when the reference has at most 1,000 values, else with normed Wasserstein;
 * categorical features and predicted classes with chi-square up to 1,000 reference counts, else
 * Jensen-Shannon (see {@link dev.ciclo.monitor.batch.TestSelection}). A distance alone is noisy
 * on small windows (normed Wasserstein between 500 values and their own population exceeds 0.1
 * in a few percent of windows), and a p-value alone flags negligible shifts on big windows; so
 * with a big reference a subject drifts only when the distance reaches its threshold <em>and</em>
 * the p-value test (KS or chi-square) is significant after correction. The p-value tests of a
 * window's features are corrected together for multiple testing, and the share of drifted
 * features decides whether the dataset drifted ({@link DatasetDrift}, default Benjamini-Hochberg
 * at 0.001 and a share of 0.5); predictions and confidence form a second family. Each window is
 * summarised in bounded-memory sketches, so memory does not grow with the log.
 *
 * <p><b>Alerts.</b> A subject (for example {@code "feature:noise"}, {@code "prediction"},
 * {@code "confidence"}, {@code "vocabulary:transcript"}, {@code "dataset"}, {@code "error"})
 * raises one {@link dev.ciclo.api.monitor.Severity#CRITICAL} alert when it starts drifting, with
 * {@code since} the start of that window; it raises again only after a window where it did not
 * drift. The error detector's DRIFT raises CRITICAL and its WARNING raises WARNING.
 *
 * <p><b>No data.</b> When the records a poll reads carry none of the signals the monitor reads
 * (a served model without a signal function, a privacy policy that drops them), the monitor
 * raises one {@link dev.ciclo.api.monitor.Severity#WARNING} alert on subject {@link #NO_DATA}
 * and counts it ({@link MonitorReport#noDataAlerts()}); it raises again only after records
 * carried a signal. Where the logged signals are known in advance, {@link
 * Builder#loggedSignals} makes the mistake fail at build time instead.
 *
 * <p><b>Bad input.</b> Records with no usable value are skipped and counted; missing or
 * unparsable values are counted; a window whose reading fails part-way keeps what was read and
 * is counted. When the log cannot be opened at all, {@link #poll()} throws {@link CicloException}
 * and the next poll retries the same window; after three failed polls in a row that window is
 * skipped and counted, so one bad segment never stops the monitor.
 *
 * <p><b>Threads.</b> {@link #poll()} calls must not overlap; {@link #label} and {@link
 * #addListener} may be called from any thread. Listeners run on the polling thread.
 */
public final class LogMonitor implements Monitor, LabelListener {
  private static final Logger LOG = LoggerFactory.getLogger(LogMonitor.class);
  private static final int HISTORY = 1_000;
  private static final int MAX_FAILED_OPENS = 3;

  private final dev.ciclo.monitor.batch.DatasetDrift datasetRule;
  private final String name;
  private final PredictionLog log;
  private final InstantSource clock;
  private final Duration window;
  private final int windowCount;
  private final PerformanceTracker performance;
  private final WindowAccumulator acc;
  private final AlertTracker alerts;
  private final Map<String, VocabularyDrift> textFields;
  private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
  private final Queue<String[]> labels = new ConcurrentLinkedQueue<>();
  private final Deque<WindowReport> windows = new ArrayDeque<>();
  /** Subject of the alert raised when the records carry none of the monitored signals. */
  public static final String NO_DATA = "no-data";

  private long pollRead;
  private long pollWithSignals;
  private boolean starved;
  private long noDataAlerts;
  private final Deque<Alert> raised = new ArrayDeque<>();
  private List<String[]> retryLabels = new ArrayList<>();
  private Instant cursor;
  private int windowIndex;
  private int failedOpens;
  private long recordsRead;
  private long recordsSkipped;
  private long badValues;
  private long badSegments;

  LogMonitor(Builder b) {
    this.name = b.name;
    this.log = b.log;
    this.clock = b.clock;
    this.window = b.window;
    this.windowCount = b.windowCount;
    this.performance = b.performance;
    this.acc = new WindowAccumulator(b.refs, b.datasetRule, b.minRecords);
    this.textFields = b.refs.text;
    this.datasetRule = b.datasetRule;
    this.alerts = new AlertTracker(name, clock);
    this.cursor = b.start != null ? b.start : clock.instant();
    this.listeners.addAll(b.listeners);
  }

  /**
   * A builder for a monitor of the given log; add reference data, then {@code build()}.
   *
   * @param name the monitor's name, not blank
   * @param log the log to read
   * @return a new builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name, PredictionLog log) {
    return new Builder(name, Objects.requireNonNull(log, "log"));
  }

  @Override
  public void addListener(AlertListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Hands in a late label; it is joined to its prediction on the next {@link #poll()}. Needs a
   * {@link PerformanceTracker} in the builder.
   *
   * @param requestId the prediction's request id, not null
   * @param actual the true label, not null
   * @throws IllegalStateException if the monitor tracks no performance
   */
  public void label(String requestId, String actual) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(actual, "actual");
    if (performance == null) {
      throw new IllegalStateException("monitor '" + name + "' tracks no performance: "
          + "give the builder a PerformanceTracker to hand in labels");
    }
    labels.add(new String[] {requestId, actual});
  }

  /**
   * Same as {@link #label(String, String)}, for hosts that hand each late label to the monitor
   * and the maintenance loop alike.
   *
   * @param label the label
   * @throws IllegalStateException if the monitor tracks no performance
   */
  @Override
  public void onLabel(LabelRecord label) {
    Objects.requireNonNull(label, "label");
    label(label.requestId(), label.label());
  }

  /**
   * A builder for a monitor with no log of its own, fed window by window with {@link
   * #closeWindow(Instant, Instant, WindowSketches)} (for example from sketches merged on Spark).
   * Its {@link #poll()} throws {@link IllegalStateException}.
   *
   * @param name the monitor's name, not blank
   * @return a new builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name, null);
  }

  /**
   * An empty summary of one window, shaped by this monitor's reference data: fill it (or many,
   * merged) and hand it to {@link #closeWindow(Instant, Instant, WindowSketches)}.
   *
   * @return a new, empty summary
   */
  public WindowSketches newWindow() {
    return acc.newSketches();
  }

  /**
   * The summarizer that fills a {@link WindowSketches#text(String) window summary's} vocabulary
   * of a text field where this monitor is not (a Spark executor): the field's tracker's
   * vocabulary, tokenizer and settings (see {@link VocabularyDrift#summarizer()}).
   *
   * @param field a text field given to {@link Builder#textField}
   * @return the summarizer (serializable)
   * @throws IllegalArgumentException if the monitor watches no such text field
   * @throws IllegalStateException if the field's tokenizer is not serializable
   */
  public VocabularySummarizer summarizer(String field) {
    VocabularyDrift t = textFields.get(Objects.requireNonNull(field, "field"));
    if (t == null) {
      throw new IllegalArgumentException("field must be one of the text fields "
          + textFields.keySet() + " but was '" + field + "'");
    }
    return t.summarizer();
  }

  /**
   * Each text field's sequential-test statistic as it stands between windows ({@link
   * VocabularyDrift#statistic()}): the state a monitor that closes windows summarised elsewhere
   * ({@link #closeWindow(Instant, Instant, WindowSketches)}) saves with each closed window so
   * that after a restart {@link #resumeVocabularyStatistics(Map)} continues the test where it
   * was.
   *
   * @return by text field, in name order; empty without text fields
   */
  public Map<String, Double> vocabularyStatistics() {
    Map<String, Double> out = new TreeMap<>();
    textFields.forEach((k, v) -> out.put(k, v.statistic()));
    return out;
  }

  /**
   * Sets text fields' sequential-test statistics to those saved from {@link
   * #vocabularyStatistics()} (between windows); fields not in the map are left as they are.
   *
   * @param statistics by text field
   * @throws IllegalArgumentException if a key is not one of this monitor's text fields or a value
   *     is out of its tracker's range (nothing is changed then)
   */
  public void resumeVocabularyStatistics(Map<String, Double> statistics) {
    Objects.requireNonNull(statistics, "statistics");
    for (String k : statistics.keySet()) {
      if (!textFields.containsKey(k)) {
        throw new IllegalArgumentException("statistics must be keyed by the text fields "
            + textFields.keySet() + " but held '" + k + "'");
      }
    }
    Map<String, Double> before = vocabularyStatistics();
    try {
      statistics.forEach((k, v) -> textFields.get(k).resumeStatistic(
          Objects.requireNonNull(v, "statistic of " + k)));
    } catch (RuntimeException e) {
      before.forEach((k, v) -> textFields.get(k).resumeStatistic(v));
      throw e;
    }
  }

  /**
   * Closes one window summarised elsewhere: runs the same tests, corrections and alert rules as
   * {@link #poll()} does on a window read from the log, keeps its report in {@link #report()},
   * tells the listeners and returns the alerts. Windows are numbered in the order they are
   * closed. Text fields' vocabulary summaries go to their trackers, whose sequential test carries
   * on across windows as when the monitor reads a log (hand the windows in time order). Must not
   * overlap {@link #poll()}.
   *
   * @param start the window's first instant
   * @param end the window's end (excluded), not before {@code start}
   * @param summary the window's merged summary, from {@link #newWindow()}
   * @return the alerts this window raised
   * @throws IllegalArgumentException if {@code end} is before {@code start}, the summary
   *     watches other features or text fields, or a text field's summary was filled by another
   *     monitor's summarizer
   */
  public List<Alert> closeWindow(Instant start, Instant end, WindowSketches summary) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(summary, "summary");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end must not be before start " + start + " but was "
          + end);
    }
    WindowSketches shape = acc.newSketches();
    shape.merge(summary); // checks the features match before the open window is touched
    acc.absorb(summary); // text trackers check their summaries before anything changes
    recordsRead += summary.records() + summary.skipped();
    recordsSkipped += summary.skipped();
    badValues += summary.badValues();
    List<Alert> out = new ArrayList<>();
    closeWindow(start, end, false, out);
    tell(out);
    return List.copyOf(out);
  }

  @Override
  public List<Alert> poll() {
    if (log == null) {
      throw new IllegalStateException("monitor '" + name + "' has no log to poll: it is fed "
          + "with closeWindow");
    }
    List<Alert> out = new ArrayList<>();
    Instant now = clock.instant();
    pollRead = 0;
    pollWithSignals = 0;
    if (window != null) {
      pollTimeWindows(now, out);
    } else {
      pollCountWindows(now, out);
    }
    checkData(now, out);
    joinLabels(out);
    tell(out);
    return List.copyOf(out);
  }

  private void tell(List<Alert> out) {
    for (Alert a : out) {
      raised.addLast(a);
      if (raised.size() > HISTORY) {
        raised.removeFirst();
      }
      for (AlertListener l : listeners) {
        try {
          l.onAlert(a);
        } catch (RuntimeException e) {
          LOG.warn("alert listener {} failed on alert {}", l, a.subject(), e);
        }
      }
    }
  }

  private void pollTimeWindows(Instant now, List<Alert> out) {
    boolean opened = false;
    while (!cursor.plus(window).isAfter(now)) {
      Instant start = cursor;
      Instant end = cursor.plus(window);
      Stream<PredictionRecord> s;
      try {
        s = log.read(start, end);
      } catch (RuntimeException e) {
        badSegments++;
        if (!opened && ++failedOpens < MAX_FAILED_OPENS) {
          // nothing could be read in this poll: the log itself may be down; retry next poll
          throw new CicloException("monitor '" + name + "' could not read the log from "
              + start + " (attempt " + failedOpens + " of " + MAX_FAILED_OPENS + ")", e);
        }
        LOG.warn("monitor {}: reading window [{}, {}) failed; skipped", name, start, end, e);
        failedOpens = 0;
        cursor = end;
        closeWindow(start, end, true, out);
        continue;
      }
      opened = true;
      failedOpens = 0;
      boolean bad = false;
      try (s) {
        Iterator<PredictionRecord> it = s.iterator();
        while (it.hasNext()) {
          accept(it.next());
        }
      } catch (RuntimeException e) {
        bad = true;
        badSegments++;
        LOG.warn("monitor {}: window [{}, {}) failed part-way; kept what was read", name, start,
            end, e);
      }
      cursor = end;
      closeWindow(start, end, bad, out);
    }
  }

  private void pollCountWindows(Instant now, List<Alert> out) {
    boolean bad = false;
    try (Stream<PredictionRecord> s = log.read(cursor, now)) {
      Iterator<PredictionRecord> it = s.iterator();
      while (it.hasNext()) {
        if (accept(it.next()) && acc.records() == windowCount) {
          closeWindow(acc.firstTime(), acc.lastTime(), false, out);
        }
      }
    } catch (CicloException e) {
      throw e;
    } catch (RuntimeException e) {
      bad = true;
      badSegments++;
      LOG.warn("monitor {}: reading [{}, {}) failed part-way; kept what was read", name, cursor,
          now, e);
    }
    cursor = now;
    if (bad && acc.records() > 0) {
      // the records read so far stay in the open window
      LOG.debug("monitor {}: {} records wait in the open window", name, acc.records());
    }
  }

  private boolean accept(PredictionRecord r) {
    recordsRead++;
    pollRead++;
    if (acc.carriesSignal(r)) {
      pollWithSignals++;
    }
    long badBefore = acc.badValues();
    boolean used = acc.accept(r);
    badValues += acc.badValues() - badBefore;
    if (!used) {
      recordsSkipped++;
    }
    if (performance != null) {
      performance.prediction(r.requestId(), r.prediction(), r.time());
    }
    return used;
  }

  private void closeWindow(Instant start, Instant end, boolean bad, List<Alert> out) {
    WindowAccumulator.Closed c = acc.close(windowIndex++, start, end, bad);
    windows.addLast(c.report());
    if (windows.size() > HISTORY) {
      windows.removeFirst();
    }
    out.addAll(alerts.onWindow(c));
  }

  /**
   * Raises a "no data" alert when the records read in this poll carry none of the input signals
   * the monitor reads (once, until a record carries one again).
   */
  private void checkData(Instant now, List<Alert> out) {
    if (!acc.readsSignals() || pollRead == 0) {
      return;
    }
    if (pollWithSignals > 0) {
      starved = false;
      return;
    }
    if (starved) {
      return;
    }
    starved = true;
    noDataAlerts++;
    List<String> names = acc.signalNames();
    out.add(new Alert(name, NO_DATA, "no-data", Severity.WARNING, pollRead, now, now,
        "none of the " + pollRead + " records read carries the signals this monitor reads "
            + names + ": the served model declares no such signal, or the log's privacy"
            + " policy drops them",
        Map.of("records", Long.toString(pollRead), "signals", String.join(", ", names))));
  }

  private void joinLabels(List<Alert> out) {
    if (performance == null) {
      return;
    }
    List<String[]> again = new ArrayList<>();
    List<String[]> batch = new ArrayList<>(retryLabels);
    for (String[] l = labels.poll(); l != null; l = labels.poll()) {
      batch.add(l);
    }
    long unmatchedBefore = performance.unmatched();
    for (String[] l : batch) {
      long before = performance.unmatched();
      DriftState s = performance.label(l[0], l[1]);
      if (performance.unmatched() > before && !retryLabels.contains(l)) {
        again.add(l); // the prediction may not have been read yet: one more try next poll
      }
      Instant since = performance.lastJoinedTime().orElse(clock.instant());
      Alert a = alerts.onErrorState(s, performance.detector().estimate(), since,
          performance.detector().name());
      if (a != null) {
        out.add(a);
      }
    }
    if (!again.isEmpty()) {
      LOG.debug("monitor {}: {} labels wait for their prediction ({} unmatched so far)", name,
          again.size(), unmatchedBefore);
    }
    retryLabels = again;
  }

  /**
   * The history so far: recent windows and alerts, accuracy windows and skip counters.
   *
   * @return a snapshot
   */
  public MonitorReport report() {
    return new MonitorReport(name, clock.instant(), new ArrayList<>(windows),
        new ArrayList<>(raised), performance == null ? List.of() : performance.windows(),
        recordsRead, recordsSkipped, badValues, badSegments, noDataAlerts, datasetRule);
  }

  /**
   * The monitor's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

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
  public static final class Builder {
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

    Builder(String name, PredictionLog log) {
      this.name = Checks.notBlank(name, "name");
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
    public Builder numericFeature(String field, double[] reference) {
      Checks.finiteSample(reference, "reference");
      QuantileSketch s = QuantileSketch.create();
      s.addAll(reference);
      refs.numeric.put(Checks.notBlank(field, "field"), s);
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
    public <X> Builder reference(
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
    public Builder reference(DataProfile reference) {
      Objects.requireNonNull(reference, "reference");
      if (reference.numeric().isEmpty() && reference.categorical().isEmpty()) {
        throw new IllegalArgumentException("reference " + reference.name()
            + " has no feature to watch (" + reference.rows() + " rows)");
      }
      reference.numeric().forEach((f, sketch) -> {
        QuantileSketch copy = QuantileSketch.create();
        copy.merge(sketch);
        refs.numeric.put(Checks.notBlank(f, "field"), copy);
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
    public Builder categoricalFeature(String field, Map<String, Long> referenceCounts) {
      refs.categorical.put(Checks.notBlank(field, "field"), checkCounts(referenceCounts));
      return this;
    }

    /**
     * Watches the vocabulary of a text input field (a transcript, a query).
     *
     * @param field the input field's name, not blank
     * @param tracker the tracker holding the training vocabulary; the monitor owns it from now on
     * @return this builder
     */
    public Builder textField(String field, VocabularyDrift tracker) {
      refs.text.put(Checks.notBlank(field, "field"), Objects.requireNonNull(tracker, "tracker"));
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
    public Builder predictions(Map<String, Long> referenceCounts) {
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
    public Builder confidence(double[] reference) {
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
    public Builder performance(PerformanceTracker tracker) {
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
    public Builder window(Duration length) {
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
    public Builder windowByCount(int records) {
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
    public Builder minRecords(int records) {
      this.minRecords = Checks.atLeast(records, 1, "minRecords");
      return this;
    }

    /**
     * The clock that says which windows are complete; default the system clock.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Where reading starts; default the clock's instant when built.
     *
     * @param value the first instant read
     * @return this builder
     */
    public Builder start(Instant value) {
      this.start = Objects.requireNonNull(value, "start");
      return this;
    }

    /**
     * The multiple-testing correction and share rule for the feature tests.
     *
     * @param value the rule; default Benjamini-Hochberg at 0.001, share 0.5
     * @return this builder
     */
    public Builder datasetRule(DatasetDrift value) {
      this.datasetRule = Objects.requireNonNull(value, "datasetRule");
      return this;
    }

    /**
     * Adds a listener from the start.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(AlertListener listener) {
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
    public Builder loggedSignals(Set<String> names) {
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
}
