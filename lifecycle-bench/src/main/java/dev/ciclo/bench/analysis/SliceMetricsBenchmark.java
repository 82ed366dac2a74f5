package dev.ciclo.bench.analysis;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.analysis.ErrorAnalyzer;
import dev.ciclo.core.analysis.SliceFinder;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metrics for 100 slices over 1,000,000 predictions of a 10-class classifier (the issue's
 * target: under a second on one core).
 *
 * <ul>
 *   <li>{@link #analyzerMetadata100}: {@code ErrorAnalyzer} slicing automatically on a metadata
 *       field with 100 values (plus 10 speaker groups and one tag: 111 slices), with the overall
 *       evaluation, Wilson intervals, ranking and the 10 worst errors.
 *   <li>{@link #analyzerPredicates100}: the same 100 slices given as 100 predicates (each
 *       predicate sees every example: 100 million calls).
 *   <li>{@link #sliceFinderOrder2}: SliceLine-style search over the same fields to order 2.
 *   <li>{@link #baselinePerSliceEvaluate100}: the baseline a user writes with the existing API:
 *       for each of the 100 values, filter the examples and evaluate the slice with
 *       {@code ClassificationEvaluator.fromLabels}.
 * </ul>
 *
 * <p>Run on one core: {@code taskset -c 0 java -jar lifecycle-bench/target/benchmarks.jar
 * SliceMetricsBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 -jvmArgs "-Xmx4g -XX:ActiveProcessorCount=1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class SliceMetricsBenchmark {
  static final int N = 1_000_000;
  static final int SLICES = 100;

  private Dataset<String, String> data;
  private List<Prediction<String>> predictions;
  private ErrorAnalyzer automatic;
  private ErrorAnalyzer byPredicate;
  private SliceFinder finder;

  /** A million examples: 10 labels, 10 speakers, 100 "bucket" values, 20% errors. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    String[] labels = new String[10];
    List<Prediction<String>> byLabel = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      labels[i] = Integer.toString(i);
      byLabel.add(new Prediction<>(labels[i], Map.of(labels[i], 0.6 + 0.03 * i)));
    }
    String[] buckets = new String[SLICES];
    for (int b = 0; b < SLICES; b++) {
      buckets[b] = Integer.toString(b);
    }
    List<Example<String, String>> ex = new ArrayList<>(N);
    predictions = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int y = r.nextInt(10);
      int bucket = r.nextInt(SLICES);
      boolean wrong = r.nextDouble() < (bucket < 5 ? 0.4 : 0.2);
      int p = wrong ? (y + 1 + r.nextInt(9)) % 10 : y;
      ex.add(new Example<>("e" + i, "x", labels[y], "speaker" + (i % 10),
          i % 50 == 0 ? Set.of("car-noise") : Set.of(), Map.of("bucket", buckets[bucket])));
      predictions.add(byLabel.get(p));
    }
    data = Dataset.of("bench", ex);
    automatic = ErrorAnalyzer.builder().build();
    ErrorAnalyzer.Builder b = ErrorAnalyzer.builder().automaticSlices(false);
    for (int k = 0; k < SLICES; k++) {
      String v = buckets[k];
      b.slice("bucket=" + v, e -> v.equals(e.metadata().get("bucket")));
    }
    byPredicate = b.build();
    finder = SliceFinder.builder().maxOrder(2).minSupport(1000).build();
    // promote the million examples to the old generation now, not during a measured iteration
    System.gc();
  }

  /**
   * Automatic slices from metadata, groups and tags.
   *
   * @return the analysis
   */
  @Benchmark
  public ErrorAnalysis analyzerMetadata100() {
    return automatic.analyze(data, predictions);
  }

  /**
   * The same slices as predicates.
   *
   * @return the analysis
   */
  @Benchmark
  public ErrorAnalysis analyzerPredicates100() {
    return byPredicate.analyze(data, predictions);
  }

  /**
   * Slice discovery to order 2.
   *
   * @return the slices found
   */
  @Benchmark
  public List<SliceMetrics> sliceFinderOrder2() {
    return finder.find(data, predictions);
  }

  /**
   * The baseline: filter and evaluate each slice on its own.
   *
   * @return the per-slice evaluations
   */
  @Benchmark
  public List<ClassificationEvaluation> baselinePerSliceEvaluate100() {
    List<ClassificationEvaluation> out = new ArrayList<>(SLICES);
    for (int k = 0; k < SLICES; k++) {
      String v = Integer.toString(k);
      List<String> actual = new ArrayList<>();
      List<String> predicted = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        Example<String, String> e = data.get(i);
        if (v.equals(e.metadata().get("bucket"))) {
          actual.add(e.target());
          predicted.add(predictions.get(i).value());
        }
      }
      out.add(ClassificationEvaluator.fromLabels(actual, predicted));
    }
    return out;
  }
}
