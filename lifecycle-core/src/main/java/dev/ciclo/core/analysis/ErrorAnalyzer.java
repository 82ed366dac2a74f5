package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.ErrorCase;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.evaluate.Bootstrap;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Error analysis of a classifier: the overall evaluation, the error on every slice, ranked so
 * that small noisy slices do not top the list, and the most confident wrong predictions.
 *
 * <p>Slices are made automatically from every tag ({@code tag=car-noise}), every group
 * ({@code group=theo}) and every value of each metadata field with at most
 * {@link Builder#maxValuesPerField} distinct values ({@code snr=5}), plus the named predicates
 * given to {@link Builder#slice}. A slice's error is its misclassification rate; its interval is
 * the Wilson score interval at {@link Builder#level}. Slices are sorted by the lower bound of
 * that interval, highest first (then by lift): a slice is ranked high only when it is
 * <em>clearly</em> worse, so three errors out of three rank below 50 out of 100. Slices smaller
 * than {@link Builder#minSliceSize} are left out.
 *
 * <p>The worst errors are the wrong predictions with the highest score for the predicted label
 * (1 when the model gives no scores), most confident first; each carries the example's tags and
 * metadata, plus a {@code group} entry when the metadata has none.
 *
 * <p>Labels are compared by {@code toString()}, so this is for classifiers; cost is linear in
 * the data for automatic slices and one predicate call per example per custom slice.
 *
 * <pre>{@code
 * ErrorAnalysis a = ErrorAnalyzer.builder().minSliceSize(20)
 *     .slice("short clips", e -> ((AudioClip) e.input()).length() < 4000)
 *     .build().analyze(model, dev);
 * a.slices().get(0);   // the most clearly worse slice
 * }</pre>
 *
 * <p>Immutable and thread-safe when the predicates are.
 */
public final class ErrorAnalyzer {
  private final double level;
  private final int minSliceSize;
  private final int maxValuesPerField;
  private final int worstErrors;
  private final boolean automatic;
  private final Map<String, Predicate<? super Example<?, ?>>> predicates;
  private final Bootstrap bootstrap;

  private ErrorAnalyzer(Builder b) {
    level = b.level;
    minSliceSize = b.minSliceSize;
    maxValuesPerField = b.maxValuesPerField;
    worstErrors = b.worstErrors;
    automatic = b.automatic;
    predicates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.predicates));
    bootstrap = b.bootstrap;
  }

  /**
   * A builder with the defaults: level 0.95, minimum slice size 10, at most 100 values per
   * metadata field, 10 worst errors, automatic slices on, no custom slice, no bootstrap.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Predicts every example and analyses the errors.
   *
   * @param predictor the classifier
   * @param data the labelled data, not empty
   * @param <X> the input type
   * @param <Y> the target type
   * @return the analysis
   * @throws IllegalArgumentException if {@code data} is empty
   */
  public <X, Y> ErrorAnalysis analyze(Predictor<X, Y> predictor, Dataset<X, Y> data) {
    return analyze(Scored.predict(predictor, data));
  }

  /**
   * Analyses predictions already made.
   *
   * @param data the labelled data, not empty
   * @param predictions one per example, in order
   * @param <X> the input type
   * @param <Y> the target type
   * @return the analysis
   * @throws IllegalArgumentException if {@code data} is empty or the sizes differ
   */
  public <X, Y> ErrorAnalysis analyze(Dataset<X, Y> data, List<Prediction<Y>> predictions) {
    return analyze(Scored.of(data, predictions));
  }

  private <X, Y> ErrorAnalysis analyze(Scored<X, Y> s) {
    ClassificationEvaluation overall =
        ClassificationEvaluator.fromPredictions(s.data, s.predictions, bootstrap);
    return new ErrorAnalysis(overall, slices(s), worst(s, worstErrors));
  }

  /** Counts of examples and errors in one slice. */
  static final class Count {
    long size;
    long errors;

    void add(boolean wrong) {
      size++;
      if (wrong) {
        errors++;
      }
    }
  }

  private <X, Y> List<SliceMetrics> slices(Scored<X, Y> s) {
    Map<String, Count> counts = new LinkedHashMap<>();
    if (automatic) {
      Map<String, Count> tags = new HashMap<>();
      Map<String, Count> groups = new HashMap<>();
      Map<String, Map<String, Count>> fields = new HashMap<>();
      boolean groupsCategorical = true;
      java.util.Set<String> tooMany = new java.util.HashSet<>();
      for (int i = 0; i < s.size(); i++) {
        Example<X, Y> e = s.data.get(i);
        boolean w = s.wrong[i];
        for (String tag : e.tags()) {
          tags.computeIfAbsent(tag, k -> new Count()).add(w);
        }
        if (groupsCategorical) {
          groups.computeIfAbsent(e.group(), k -> new Count()).add(w);
          // stop counting a field once it has too many values (ids): it is not categorical
          groupsCategorical = groups.size() <= maxValuesPerField;
        }
        for (Map.Entry<String, String> m : e.metadata().entrySet()) {
          if (tooMany.contains(m.getKey())) {
            continue;
          }
          Map<String, Count> values = fields.computeIfAbsent(m.getKey(), k -> new HashMap<>());
          values.computeIfAbsent(m.getValue(), k -> new Count()).add(w);
          if (values.size() > maxValuesPerField) {
            tooMany.add(m.getKey());
            fields.remove(m.getKey());
          }
        }
      }
      tags.forEach((k, v) -> counts.put("tag=" + k, v));
      if (groupsCategorical && groups.size() < s.size()) {
        groups.forEach((k, v) -> counts.put("group=" + k, v));
      }
      fields.forEach((field, values) -> values.forEach((k, v) -> counts.put(field + "=" + k, v)));
    }
    if (!predicates.isEmpty()) {
      // one pass over the examples, every predicate on each while it is in cache (a pass per
      // predicate reads the whole dataset from memory again each time)
      List<Predicate<? super Example<?, ?>>> tests = new ArrayList<>(predicates.values());
      Count[] custom = new Count[tests.size()];
      for (int j = 0; j < custom.length; j++) {
        custom[j] = new Count();
      }
      for (int i = 0; i < s.size(); i++) {
        Example<X, Y> e = s.data.get(i);
        boolean w = s.wrong[i];
        for (int j = 0; j < custom.length; j++) {
          if (tests.get(j).test(e)) {
            custom[j].add(w);
          }
        }
      }
      int j = 0;
      for (String name : predicates.keySet()) {
        counts.put(name, custom[j++]);
      }
    }
    double overall = s.errorRate();
    double z = SliceStats.z(level);
    List<SliceMetrics> out = new ArrayList<>();
    counts.forEach((name, c) -> {
      if (c.size >= minSliceSize && c.size > 0) {
        out.add(SliceStats.slice(name, c.size, c.errors, overall, z, level));
      }
    });
    out.sort(SliceStats.CLEARLY_WORSE_FIRST);
    return out;
  }

  /** The k most confident wrong predictions, most confident first (ties: dataset order). */
  static <X, Y> List<ErrorCase> worst(Scored<X, Y> s, int k) {
    Comparator<Integer> leastConfidentFirst = Comparator
        .comparingDouble((Integer i) -> s.confidence(i))
        .thenComparing(Comparator.<Integer>reverseOrder());
    PriorityQueue<Integer> heap = new PriorityQueue<>(leastConfidentFirst);
    for (int i = 0; i < s.size() && k > 0; i++) {
      if (!s.wrong[i]) {
        continue;
      }
      heap.add(i);
      if (heap.size() > k) {
        heap.poll();
      }
    }
    List<Integer> idx = new ArrayList<>(heap);
    idx.sort(leastConfidentFirst.reversed());
    List<ErrorCase> out = new ArrayList<>(idx.size());
    for (int i : idx) {
      out.add(s.errorCase(i));
    }
    return out;
  }

  /** Configures an {@link ErrorAnalyzer}. Not thread-safe. */
  public static final class Builder {
    private double level = 0.95;
    private int minSliceSize = 10;
    private int maxValuesPerField = 100;
    private int worstErrors = 10;
    private boolean automatic = true;
    private final Map<String, Predicate<? super Example<?, ?>>> predicates = new LinkedHashMap<>();
    private Bootstrap bootstrap;

    private Builder() {}

    /**
     * The confidence level of the slice intervals. Default 0.95.
     *
     * @param level in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder level(double level) {
      this.level = SliceStats.checkLevel(level);
      return this;
    }

    /**
     * The smallest slice reported. Default 10.
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder minSliceSize(int size) {
      this.minSliceSize = Checks.atLeast(size, 1, "minSliceSize");
      return this;
    }

    /**
     * The most distinct values a metadata field (or the groups) may have to be sliced on
     * automatically; fields with more (ids, free text) are skipped. Default 100.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxValuesPerField(int max) {
      this.maxValuesPerField = Checks.atLeast(max, 1, "maxValuesPerField");
      return this;
    }

    /**
     * How many of the most confident errors to keep. Default 10.
     *
     * @param count from 0 to 100,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder worstErrors(int count) {
      this.worstErrors = Checks.between(count, 0, 100_000, "worstErrors");
      return this;
    }

    /**
     * Whether to slice automatically by tags, groups and metadata values. Default on.
     *
     * @param on {@code false} to report only the {@link #slice} predicates
     * @return this builder
     */
    public Builder automaticSlices(boolean on) {
      this.automatic = on;
      return this;
    }

    /**
     * Adds a slice defined by a predicate.
     *
     * @param name the slice's name in reports, not blank, not given before
     * @param predicate which examples belong to it
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder slice(String name, Predicate<? super Example<?, ?>> predicate) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(predicate, "predicate");
      if (name.isBlank()) {
        throw new IllegalArgumentException("slice name must not be blank");
      }
      if (predicates.containsKey(name)) {
        throw new IllegalArgumentException("slice name '" + name + "' is already used");
      }
      predicates.put(name, predicate);
      return this;
    }

    /**
     * Bootstrap intervals for the overall evaluation. Default none (they cost
     * {@code resamples * n}).
     *
     * @param bootstrap the bootstrap, or {@code null} for none
     * @return this builder
     */
    public Builder bootstrap(Bootstrap bootstrap) {
      this.bootstrap = bootstrap;
      return this;
    }

    /**
     * Makes the analyzer.
     *
     * @return the analyzer
     */
    public ErrorAnalyzer build() {
      return new ErrorAnalyzer(this);
    }
  }
}
