package dev.ciclo.monitor.batch;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.DriftReport;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.FeatureDistribution;
import dev.ciclo.api.monitor.FeatureDrift;
import dev.ciclo.monitor.sketch.CategoryCounts;
import dev.ciclo.monitor.sketch.QuantileSketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The drift report between two datasets in one call: every feature tested by the test its type
 * and the reference size call for ({@link TestSelection}: Kolmogorov-Smirnov or chi-square up
 * to 1,000 reference rows, normed Wasserstein or Jensen-Shannon above), the p-values corrected
 * together and the dataset-level verdict ({@link DatasetDrift}), and each feature's
 * distribution in both datasets in shared bins (deciles of the reference for numbers).
 *
 * <pre>{@code
 * DriftReport r = DriftReports.create().compare(train, live, TabularRow.signals());
 * }</pre>
 *
 * <p>Both sides are summarised in bounded memory ({@link DataProfile}); with more than 1,024
 * values the numeric tests read the sketches' 4,096 representative quantiles. Immutable and
 * thread-safe.
 */
public final class DriftReports {
  private static final int DECILES = 10;

  private final DatasetDrift rule;

  private DriftReports(DatasetDrift rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /**
   * Reports with the default rule: Benjamini-Hochberg at 0.05, dataset drifted when half the
   * features drifted.
   *
   * @return the reporter
   */
  public static DriftReports create() {
    return new DriftReports(DatasetDrift.create());
  }

  /**
   * Reports with a chosen dataset rule.
   *
   * @param rule the correction, level and share
   * @return the reporter
   */
  public static DriftReports with(DatasetDrift rule) {
    return new DriftReports(rule);
  }

  /**
   * Compares two datasets.
   *
   * @param reference the reference (such as the training set)
   * @param current the current data
   * @param signals turns an input into its features as typed signals
   * @param <X> the input type
   * @return the report
   * @throws IllegalArgumentException if a dataset is empty or they share no feature
   */
  public <X> DriftReport compare(Dataset<X, ?> reference, Dataset<X, ?> current,
      Function<? super X, Map<String, Signal>> signals) {
    return compare(DataProfile.of(reference, signals), DataProfile.of(current, signals));
  }

  /**
   * Compares a dataset with a window of the prediction log, whose records carry the signals
   * the served model derived from each input with the same function.
   *
   * @param reference the reference dataset
   * @param signals the function the served model uses
   * @param windowName the window's name, not blank
   * @param window the logged records
   * @param <X> the input type
   * @return the report
   */
  public <X> DriftReport compare(Dataset<X, ?> reference,
      Function<? super X, Map<String, Signal>> signals, String windowName,
      Iterable<PredictionRecord> window) {
    return compare(DataProfile.of(reference, signals), DataProfile.of(windowName, window));
  }

  /**
   * Compares two profiles: the features of the reference, in its order, that the current data
   * also has.
   *
   * @param reference the reference profile, not empty
   * @param current the current profile, not empty
   * @return the report
   * @throws IllegalArgumentException if a profile is empty or they share no feature
   */
  public DriftReport compare(DataProfile reference, DataProfile current) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    if (reference.rows() == 0 || current.rows() == 0) {
      throw new IllegalArgumentException("cannot compare " + reference.name() + " ("
          + reference.rows() + " rows) with " + current.name() + " (" + current.rows()
          + " rows): both need rows");
    }
    Map<String, DriftTestResult> raw = new LinkedHashMap<>();
    Map<String, FeatureDistribution[]> dists = new LinkedHashMap<>();
    reference.numeric().forEach((f, ref) -> {
      QuantileSketch cur = current.numeric().get(f);
      if (cur != null && ref.count() > 0 && cur.count() > 0) {
        raw.put(f, ref.count() <= TestSelection.MAX_REFERENCE_FOR_P_VALUE
            ? KolmogorovSmirnov.create().test(ref, cur)
            : Wasserstein.create().test(ref, cur));
        dists.put(f, numericBins(ref, cur));
      }
    });
    reference.categorical().forEach((f, ref) -> {
      CategoryCounts cur = current.categorical().get(f);
      if (cur != null && ref.total() > 0 && cur.total() > 0) {
        raw.put(f, TestSelection.categorical(ref.total()).test(ref.asMap(), cur.asMap()));
        dists.put(f, categoryBins(ref.asMap(), cur.asMap()));
      }
    });
    if (raw.isEmpty()) {
      throw new IllegalArgumentException(reference.name() + " and " + current.name()
          + " share no feature: reference has " + reference.numeric().keySet() + " "
          + reference.categorical().keySet() + ", current has " + current.numeric().keySet()
          + " " + current.categorical().keySet());
    }
    DatasetDrift.Result verdict = rule.evaluate(raw);
    List<FeatureDrift> features = new ArrayList<>();
    verdict.features().forEach((f, r) -> {
      FeatureDistribution[] d = dists.get(f);
      features.add(new FeatureDrift(f, r, d[0], d[1]));
    });
    return new DriftReport(reference.name(), reference.rows(), current.name(), current.rows(),
        rule.correction().name(), rule.alpha(), rule.share(), features, verdict.driftedShare(),
        verdict.drifted());
  }

  /** Bins between the reference's deciles (the first also holds values below, the last above). */
  static FeatureDistribution[] numericBins(QuantileSketch ref, QuantileSketch cur) {
    double[] qs = new double[DECILES + 1];
    for (int i = 0; i <= DECILES; i++) {
      qs[i] = (double) i / DECILES;
    }
    double[] edges = Arrays.stream(ref.quantiles(qs)).distinct().sorted().toArray();
    if (edges.length < 3) {
      double lo = ref.min();
      double hi = ref.max();
      edges = lo == hi ? new double[] {lo - 0.5, lo, lo + 0.5}
          : new double[] {lo, (lo + hi) / 2, hi};
    }
    List<String> labels = new ArrayList<>();
    List<Double> e = new ArrayList<>();
    for (int i = 0; i < edges.length; i++) {
      e.add(edges[i]);
      if (i + 1 < edges.length) {
        labels.add(String.format(Locale.ROOT, "%s%.4g, %.4g]", i == 0 ? "[" : "(", edges[i],
            edges[i + 1]));
      }
    }
    return new FeatureDistribution[] {
      new FeatureDistribution(labels, e, counts(ref, edges), ref.count()),
      new FeatureDistribution(labels, e, counts(cur, edges), cur.count())
    };
  }

  /** Counts per bin from the sketch's CDF: bin 0 is {@code <= e1}, bin i {@code (ei, ei+1]}. */
  private static List<Long> counts(QuantileSketch s, double[] edges) {
    long n = s.count();
    List<Long> out = new ArrayList<>();
    long before = 0;
    for (int i = 1; i < edges.length; i++) {
      long upTo = i == edges.length - 1 ? n : Math.round(s.cdf(edges[i]) * n);
      upTo = Math.max(before, Math.min(n, upTo));
      out.add(upTo - before);
      before = upTo;
    }
    return out;
  }

  static FeatureDistribution[] categoryBins(Map<String, Long> ref, Map<String, Long> cur) {
    Set<String> all = new LinkedHashSet<>();
    ref.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(x -> all.add(x.getKey()));
    cur.keySet().stream().sorted().forEach(all::add);
    List<String> labels = List.copyOf(all);
    return new FeatureDistribution[] {categories(labels, ref), categories(labels, cur)};
  }

  private static FeatureDistribution categories(List<String> labels, Map<String, Long> counts) {
    List<Long> c = new ArrayList<>();
    long total = 0;
    for (String l : labels) {
      long v = counts.getOrDefault(l, 0L);
      c.add(v);
      total += v;
    }
    return new FeatureDistribution(labels, List.of(), c, total);
  }
}
