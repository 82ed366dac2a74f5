package dev.ciclo.monitor;

import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.monitor.batch.ChiSquare;
import dev.ciclo.monitor.batch.DatasetDrift;
import dev.ciclo.monitor.batch.JensenShannon;
import dev.ciclo.monitor.batch.KolmogorovSmirnov;
import dev.ciclo.monitor.batch.TestSelection;
import dev.ciclo.monitor.batch.Wasserstein;
import dev.ciclo.monitor.sketch.CategoryCounts;
import dev.ciclo.monitor.sketch.QuantileSketch;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import dev.ciclo.monitor.vocabulary.VocabularyWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** One window's summaries (bounded memory) and the tests run when it closes. */
final class WindowAccumulator {
  static final String FEATURE = "feature:";
  static final String VOCABULARY = "vocabulary:";
  static final String PREDICTION = "prediction";
  static final String CONFIDENCE = "confidence";

  /** The reference data the monitor compares with. */
  static final class References {
    final Map<String, QuantileSketch> numeric = new TreeMap<>();
    final Map<String, Map<String, Long>> categorical = new TreeMap<>();
    final Map<String, VocabularyDrift> text = new TreeMap<>();
    Map<String, Long> predictions;
    QuantileSketch confidence;
  }

  /** A closed window: its report and facts for alert messages by subject. */
  record Closed(WindowReport report, Map<String, Map<String, String>> details) {}

  private final References refs;
  private final DatasetDrift rule;
  private final int minRecords;
  private final Map<String, QuantileSketch> numeric = new LinkedHashMap<>();
  private final Map<String, CategoryCounts> categorical = new LinkedHashMap<>();
  private CategoryCounts predictions = CategoryCounts.create();
  private QuantileSketch confidence = QuantileSketch.create();
  private long records;
  private long skipped;
  private long badValues;
  private Instant first;
  private Instant last;

  WindowAccumulator(References refs, DatasetDrift datasetRule, int minRecords) {
    this.refs = refs;
    this.rule = datasetRule;
    this.minRecords = minRecords;
    clear();
  }

  private void clear() {
    numeric.clear();
    refs.numeric.keySet().forEach(k -> numeric.put(k, QuantileSketch.create()));
    categorical.clear();
    refs.categorical.keySet().forEach(k -> categorical.put(k, CategoryCounts.create()));
    predictions = CategoryCounts.create();
    confidence = QuantileSketch.create();
    records = 0;
    skipped = 0;
    badValues = 0;
    first = null;
    last = null;
  }

  long records() {
    return records;
  }

  /** An empty summary shaped by the references. */
  WindowSketches newSketches() {
    return WindowSketches.create(new ArrayList<>(refs.numeric.keySet()),
        new ArrayList<>(refs.categorical.keySet()), new ArrayList<>(refs.text.keySet()),
        refs.predictions != null, refs.confidence != null);
  }

  /** Adds a summary filled elsewhere to the open window. */
  void absorb(WindowSketches s) {
    // first: a tracker refuses a summary filled for another before it changes anything
    s.textMap().forEach((k, v) -> refs.text.get(k).add(v));
    s.numericMap().forEach((k, v) -> numeric.get(k).merge(v));
    s.categoricalMap().forEach((k, v) -> categorical.get(k).merge(v));
    if (refs.predictions != null) {
      predictions.merge(s.predictions());
    }
    if (refs.confidence != null) {
      confidence.merge(s.confidence());
    }
    records += s.records();
    skipped += s.skipped();
    badValues += s.badValues();
    if (s.first() != null) {
      first = first == null || s.first().isBefore(first) ? s.first() : first;
      last = last == null || s.last().isAfter(last) ? s.last() : last;
    }
  }

  Instant firstTime() {
    return first;
  }

  Instant lastTime() {
    return last;
  }

  /** Whether the monitor reads input signals at all (features or text fields). */
  boolean readsSignals() {
    return !numeric.isEmpty() || !categorical.isEmpty() || !refs.text.isEmpty();
  }

  /** The input signals the monitor reads, by name. */
  List<String> signalNames() {
    List<String> out = new ArrayList<>(numeric.keySet());
    out.addAll(categorical.keySet());
    out.addAll(refs.text.keySet());
    return out;
  }

  /** Whether a record carries at least one of the input signals the monitor reads. */
  boolean carriesSignal(PredictionRecord r) {
    for (String name : signalNames()) {
      if (r.signals().containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a record; returns false if it had no usable value at all. */
  boolean accept(PredictionRecord r) {
    boolean used = false;
    Map<String, Signal> in = r.signals();
    for (Map.Entry<String, QuantileSketch> e : numeric.entrySet()) {
      if (in.get(e.getKey()) instanceof Signal.Numeric n) {
        e.getValue().add(n.value());
        used = true;
      } else {
        badValues++;
      }
    }
    used |= addCategories(categorical, in, CategoryCounts::add);
    used |= addCategories(refs.text, in, VocabularyDrift::add);
    if (refs.predictions != null && !r.prediction().isEmpty()) {
      predictions.add(r.prediction());
      used = true;
    }
    if (refs.confidence != null && !r.scores().isEmpty()) {
      double max = Double.NEGATIVE_INFINITY;
      for (double s : r.scores().values()) {
        max = Math.max(max, s);
      }
      confidence.add(max);
      used = true;
    }
    if (!used) {
      skipped++;
      return false;
    }
    records++;
    first = first == null || r.time().isBefore(first) ? r.time() : first;
    last = last == null || r.time().isAfter(last) ? r.time() : last;
    return true;
  }

  /**
   * Adds each named signal that is a category to what counts it (category counts, a text's
   * vocabulary); a missing signal or one of another kind is a bad value.
   *
   * @return whether at least one value was added
   */
  private <T> boolean addCategories(Map<String, T> targets, Map<String, Signal> in,
      BiConsumer<T, String> add) {
    boolean used = false;
    for (Map.Entry<String, T> e : targets.entrySet()) {
      if (in.get(e.getKey()) instanceof Signal.Category c) {
        add.accept(e.getValue(), c.value());
        used = true;
      } else {
        badValues++;
      }
    }
    return used;
  }

  long skipped() {
    return skipped;
  }

  long badValues() {
    return badValues;
  }

  /** One subject's tests: always a p-value test, and a distance when the reference is big. */
  private record Check(DriftTestResult pTest, DriftTestResult distance) {}

  /** Runs the tests (if the window is big enough), builds the report and starts a new window. */
  Closed close(int index, Instant start, Instant end, boolean badSegment) {
    Map<String, Check> features = new LinkedHashMap<>();
    Map<String, Check> others = new LinkedHashMap<>();
    Map<String, Map<String, String>> details = new LinkedHashMap<>();
    boolean tested = records >= minRecords;
    boolean datasetDrifted = false;
    Map<String, DriftTestResult> results = new LinkedHashMap<>();
    if (tested) {
      numeric.forEach((name, sketch) -> {
        if (sketch.count() > 0) {
          features.put(FEATURE + name, numericCheck(refs.numeric.get(name), sketch));
        }
      });
      categorical.forEach((name, counts) -> {
        if (counts.total() > 0) {
          Map<String, Long> ref = refs.categorical.get(name);
          features.put(FEATURE + name, categoricalCheck(ref, counts.asMap()));
          details.put(FEATURE + name, unseen(ref, counts.asMap()));
        }
      });
      if (refs.predictions != null && predictions.total() > 0) {
        others.put(PREDICTION, categoricalCheck(refs.predictions, predictions.asMap()));
        details.put(PREDICTION, unseen(refs.predictions, predictions.asMap()));
      }
      if (refs.confidence != null && confidence.count() > 0) {
        others.put(CONFIDENCE, numericCheck(refs.confidence, confidence));
      }
      if (!features.isEmpty()) {
        Map<String, DriftTestResult> decided = decide(features, details);
        results.putAll(decided);
        long drifted = decided.values().stream().filter(DriftTestResult::drifted).count();
        datasetDrifted = (double) drifted / decided.size() >= rule.share();
      }
      if (!others.isEmpty()) {
        results.putAll(decide(others, details));
      }
    }
    for (Map.Entry<String, VocabularyDrift> e : refs.text.entrySet()) {
      VocabularyWindow w = e.getValue().closeWindow();
      if (tested && w.tokens() > 0) {
        String subject = VOCABULARY + e.getKey();
        results.put(subject, new DriftTestResult("oov-cusum", w.oovRate(), OptionalDouble.empty(),
            e.getValue().alarmRate(), w.alarmed()));
        Map<String, String> d = new LinkedHashMap<>();
        d.put("oovRate", Double.toString(w.oovRate()));
        d.put("oovInterval", "[" + w.oovLow() + ", " + w.oovHigh() + "]");
        d.put("newTermShare", Double.toString(w.newTermShare()));
        d.put("emerging", w.emerging().stream().limit(10)
            .map(x -> x.item() + "=" + x.count()).collect(Collectors.joining(", ")));
        details.put(subject, d);
      }
    }
    WindowReport report = new WindowReport(index, start, end, records, skipped, badValues,
        badSegment, tested, results, datasetDrifted);
    clear();
    return new Closed(report, details);
  }

  /**
   * Corrects the family's p-values together; a subject with a distance drifts only when the
   * distance reaches its threshold and the corrected p-value test agrees.
   */
  private Map<String, DriftTestResult> decide(
      Map<String, Check> checks, Map<String, Map<String, String>> details) {
    double[] ps = checks.values().stream()
        .mapToDouble(c -> c.pTest().pValue().getAsDouble()).toArray();
    double cut = rule.correction().threshold(ps, rule.alpha());
    Map<String, DriftTestResult> out = new LinkedHashMap<>();
    for (Map.Entry<String, Check> e : checks.entrySet()) {
      DriftTestResult p = e.getValue().pTest();
      double pv = p.pValue().getAsDouble();
      boolean significant = pv <= cut;
      DriftTestResult d = e.getValue().distance();
      if (d == null) {
        out.put(e.getKey(), new DriftTestResult(
            p.test(), p.statistic(), p.pValue(), cut, significant));
      } else {
        out.put(e.getKey(), new DriftTestResult(d.test(), d.statistic(), OptionalDouble.empty(),
            d.threshold(), d.drifted() && significant));
        Map<String, String> m = new LinkedHashMap<>(details.getOrDefault(e.getKey(), Map.of()));
        m.put("gate", p.test() + " p = " + pv + " against corrected threshold " + cut);
        details.put(e.getKey(), m);
      }
    }
    return out;
  }

  private static Check numericCheck(QuantileSketch ref, QuantileSketch cur) {
    DriftTestResult ks = KolmogorovSmirnov.create().test(ref, cur);
    return ref.count() <= TestSelection.MAX_REFERENCE_FOR_P_VALUE
        ? new Check(ks, null)
        : new Check(ks, Wasserstein.create().test(ref, cur));
  }

  private static Check categoricalCheck(Map<String, Long> ref, Map<String, Long> cur) {
    long total = ref.values().stream().mapToLong(Long::longValue).sum();
    DriftTestResult chi = ChiSquare.create().test(ref, cur);
    return total <= TestSelection.MAX_REFERENCE_FOR_P_VALUE
        ? new Check(chi, null)
        : new Check(chi, JensenShannon.create().categorical().test(ref, cur));
  }

  private static Map<String, String> unseen(Map<String, Long> ref, Map<String, Long> cur) {
    List<String> fresh = new ArrayList<>();
    cur.forEach((k, v) -> {
      if (v > 0 && ref.getOrDefault(k, 0L) == 0) {
        fresh.add(k + "=" + v);
      }
    });
    return fresh.isEmpty() ? Map.of() : Map.of("unseenCategories", String.join(", ", fresh));
  }
}
