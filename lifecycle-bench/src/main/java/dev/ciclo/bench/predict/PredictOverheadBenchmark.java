package dev.ciclo.bench.predict;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import java.util.ArrayList;
import java.util.List;
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
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * One prediction of a 4-feature, 3-class Tribuo logistic regression: through Ciclo's
 * {@code Predictor.predict} ({@link #ciclo}), against what a Tribuo user writes for the same
 * input, building an {@code ArrayExample} from names and values and calling
 * {@code Model.predict} ({@link #tribuoDirect}). The ratio of the two is the overhead; the goal
 * is within 10%.
 *
 * <p>Ciclo's side does more than the peer (the extractor, an immutable {@code Prediction} with
 * {@code Scores}) and one thing less: Tribuo's {@code ArrayExample(output, names, values)} sorts
 * the features by name with an argsort and copies both arrays twice on every call, while Ciclo
 * works out that order once per names list and builds the example from arrays already in it, so
 * the ratio can be below 1. Both sides give identical answers (PredictOverheadBenchmarkTest).
 * {@link PredictOverheadCpuTime} runs the same two cases interleaved, in CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PredictOverheadBenchmark {
  private static final List<String> NAMES = List.of("x0", "x1", "x2", "x3");
  private static final String[] NAME_ARRAY = NAMES.toArray(new String[0]);

  private TribuoClassifierModel<FeatureVector> model;
  private org.tribuo.Model<Label> raw;
  private FeatureVector[] vectors;
  private double[][] arrays;
  private int next;

  /** Trains the model once and prepares 1,024 inputs. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    double[][] centres = {{0, 0, 0, 0}, {4, 4, 0, 0}, {0, 4, 4, 4}};
    List<Example<FeatureVector, String>> examples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int c = i % 3;
      double[] v = new double[4];
      for (int d = 0; d < 4; d++) {
        v[d] = centres[c][d] + r.nextGaussian();
      }
      examples.add(Example.of("e" + i, FeatureVector.of(NAMES, v), "class" + c));
    }
    model = TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity())
        .train(Dataset.of("bench", examples), 1);
    raw = model.tribuoModel();
    vectors = new FeatureVector[1024];
    arrays = new double[1024][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = examples.get(i % examples.size()).input();
      arrays[i] = vectors[i].toArray();
    }
  }

  /**
   * Ciclo: {@code Predictor.predict} on a feature vector.
   *
   * @return the prediction
   */
  @Benchmark
  public Prediction<String> ciclo() {
    return model.predict(vectors[next++ & 1023]);
  }

  /**
   * The peer: a Tribuo user's own code for the same input.
   *
   * @return the prediction
   */
  @Benchmark
  public org.tribuo.Prediction<Label> tribuoDirect() {
    return raw.predict(
        new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, NAME_ARRAY, arrays[next++ & 1023]));
  }
}
