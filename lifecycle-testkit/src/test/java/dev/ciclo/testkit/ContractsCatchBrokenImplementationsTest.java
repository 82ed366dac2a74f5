package dev.ciclo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.monitor.DriftDetector;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The contracts are only worth something if they fail for broken implementations: each one is
 * run here, through the JUnit Platform, against a correct and a broken implementation.
 */
class ContractsCatchBrokenImplementationsTest {

  private static TestExecutionSummary run(Class<?> contractTest) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contractTest)).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }

  private static Set<String> failedTests(TestExecutionSummary s) {
    Set<String> names = new TreeSet<>();
    s.getFailures().forEach(f -> names.add(f.getTestIdentifier().getDisplayName()));
    return names;
  }

  // ---- Predictor ----

  static final ModelMetadata META = new ModelMetadata("m", "1", "host", Map.of());

  /** Doubles its input: deterministic and thread-safe. */
  static final class GoodPredictor implements Predictor<Integer, Integer> {
    @Override
    public Prediction<Integer> predict(Integer input) {
      return Prediction.of(2 * Objects.requireNonNull(input, "input"));
    }

    @Override
    public ModelMetadata metadata() {
      return META;
    }
  }

  /** Answers with a counter: the same input gets a different answer each time. */
  static final class DriftingPredictor implements Predictor<Integer, Integer> {
    private final AtomicLong calls = new AtomicLong();

    @Override
    public Prediction<Integer> predict(Integer input) {
      Objects.requireNonNull(input, "input");
      return Prediction.of((int) calls.incrementAndGet());
    }

    @Override
    public ModelMetadata metadata() {
      return META;
    }
  }

  static class GoodPredictorContract extends PredictorContract<Integer, Integer> {
    @Override
    protected Predictor<Integer, Integer> newPredictor() {
      return new GoodPredictor();
    }

    @Override
    protected List<Integer> validInputs() {
      return List.of(1, 2, 3);
    }
  }

  static class DriftingPredictorContract extends GoodPredictorContract {
    @Override
    protected Predictor<Integer, Integer> newPredictor() {
      return new DriftingPredictor();
    }
  }

  @Test
  @DisplayName("PredictorContract passes a correct predictor and fails one whose answers change")
  void predictorContract() {
    TestExecutionSummary good = run(GoodPredictorContract.class);
    assertEquals(0, good.getTotalFailureCount(), () -> failedTests(good).toString());
    assertTrue(good.getTestsSucceededCount() >= 6);
    TestExecutionSummary bad = run(DriftingPredictorContract.class);
    assertTrue(failedTests(bad).contains("the same input gives the same prediction every time"),
        failedTests(bad).toString());
    assertTrue(failedTests(bad).contains("batch prediction equals one prediction per input, in order"));
  }

  // ---- DriftDetector ----

  /** A CUSUM-like detector on the mean, with a warm-up: a correct, if crude, detector. */
  static class MeanShiftDetector implements DriftDetector {
    private long n;
    private double mean;
    private double cusum;
    private DriftState state = DriftState.NONE;

    @Override
    public DriftState update(double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("value must be finite but was " + value);
      }
      if (binaryOnly() && value != 0 && value != 1) {
        throw new IllegalArgumentException("this detector takes 0 or 1 but was " + value);
      }
      n++;
      if (n <= 1000) {
        mean += (value - mean) / n;
        state = DriftState.NONE;
        return state;
      }
      cusum = Math.max(0, cusum + value - mean - 0.1);
      state = cusum > 20 ? DriftState.DRIFT : DriftState.NONE;
      return state;
    }

    boolean binaryOnly() {
      return false;
    }

    @Override
    public DriftState state() {
      return state;
    }

    @Override
    public double estimate() {
      return mean;
    }

    @Override
    public long count() {
      return n;
    }

    @Override
    public void reset() {
      n = 0;
      mean = 0;
      cusum = 0;
      state = DriftState.NONE;
    }

    @Override
    public String name() {
      return "mean-shift";
    }
  }

  /** Forgets to clear its sum on reset. */
  static final class LeakyResetDetector extends MeanShiftDetector {
    @Override
    public void reset() {
      double keep = estimate();
      super.reset();
      if (keep != 0) {
        update(keep);
      }
    }
  }

  static class GoodDetectorContract extends DriftDetectorContract {
    @Override
    protected DriftDetector newDetector() {
      return new MeanShiftDetector();
    }

    @Override
    protected boolean binary() {
      return false;
    }
  }

  static class LeakyDetectorContract extends GoodDetectorContract {
    @Override
    protected DriftDetector newDetector() {
      return new LeakyResetDetector();
    }
  }

  @Test
  @DisplayName("DriftDetectorContract passes a correct detector and fails one whose reset leaks")
  void detectorContract() {
    TestExecutionSummary good = run(GoodDetectorContract.class);
    assertEquals(0, good.getTotalFailureCount(), () -> failedTests(good).toString());
    TestExecutionSummary bad = run(LeakyDetectorContract.class);
    assertTrue(failedTests(bad).contains("reset() makes the detector behave as a new one"),
        failedTests(bad).toString());
  }

  // ---- Augmenter ----

  /** Adds a number drawn from the given stream and records it. */
  static final class JitterAugmenter implements Augmenter<Double> {
    @Override
    public Augmented<Double> apply(Double input, java.util.random.RandomGenerator random) {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(random, "random");
      double d = random.nextGaussian();
      return new Augmented<>(input + d,
          AugmentationRecord.of(new AppliedTransform("jitter", Map.of("delta", d))));
    }
  }

  /** Draws from a shared global generator instead of the stream it is given. */
  static final class GlobalRandomAugmenter implements Augmenter<Double> {
    private static final java.util.Random GLOBAL = new java.util.Random();

    @Override
    public Augmented<Double> apply(Double input, java.util.random.RandomGenerator random) {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(random, "random");
      double d = GLOBAL.nextGaussian();
      return new Augmented<>(input + d,
          AugmentationRecord.of(new AppliedTransform("jitter", Map.of("delta", d))));
    }
  }

  static class GoodAugmenterContract extends AugmenterContract<Double> {
    @Override
    protected Augmenter<Double> newAugmenter() {
      return new JitterAugmenter();
    }

    @Override
    protected List<Double> inputs() {
      return new ArrayList<>(List.of(0.0, 1.5, -2.0));
    }
  }

  static class GlobalRandomAugmenterContract extends GoodAugmenterContract {
    @Override
    protected Augmenter<Double> newAugmenter() {
      return new GlobalRandomAugmenter();
    }
  }

  @Test
  @DisplayName("AugmenterContract passes a keyed augmenter and fails one that uses a global RNG")
  void augmenterContract() {
    TestExecutionSummary good = run(GoodAugmenterContract.class);
    assertEquals(0, good.getTotalFailureCount(), () -> failedTests(good).toString());
    TestExecutionSummary bad = run(GlobalRandomAugmenterContract.class);
    assertTrue(failedTests(bad).contains("the same random key gives the same output and the same record"),
        failedTests(bad).toString());
    assertTrue(failedTests(bad).contains("outputs do not depend on the number of threads"));
  }

  // ---- FeatureExtractor ----

  /** Length and sum of a list of numbers: fixed names, announced. */
  static class SumExtractor implements FeatureExtractor<List<Double>> {
    @Override
    public FeatureVector extract(List<Double> input) {
      Objects.requireNonNull(input, "input");
      return FeatureVector.of(List.of("n", "sum"),
          new double[] {input.size(), input.stream().mapToDouble(d -> d).sum()});
    }

    @Override
    public Optional<List<String>> featureNames() {
      return Optional.of(List.of("n", "sum"));
    }
  }

  /** Announces names that its vectors do not have. */
  static final class MisnamingExtractor extends SumExtractor {
    @Override
    public Optional<List<String>> featureNames() {
      return Optional.of(List.of("count", "total"));
    }
  }

  static class GoodExtractorContract extends FeatureExtractorContract<List<Double>> {
    @Override
    protected FeatureExtractor<List<Double>> newExtractor() {
      return new SumExtractor();
    }

    @Override
    protected List<List<Double>> validInputs() {
      return List.of(List.of(1.0, 2.0), List.of(), List.of(-3.5));
    }
  }

  static class MisnamingExtractorContract extends GoodExtractorContract {
    @Override
    protected FeatureExtractor<List<Double>> newExtractor() {
      return new MisnamingExtractor();
    }
  }

  static class SilentExtractorContract extends GoodExtractorContract {
    @Override
    protected FeatureExtractor<List<Double>> newExtractor() {
      return input -> new SumExtractor().extract(input);
    }
  }

  @Test
  @DisplayName("the feature extractor contract fails an extractor whose names are wrong or unsaid")
  void extractorContract() {
    TestExecutionSummary good = run(GoodExtractorContract.class);
    assertEquals(0, good.getTotalFailureCount(), () -> failedTests(good).toString());
    assertEquals(5, good.getTestsSucceededCount());
    TestExecutionSummary bad = run(MisnamingExtractorContract.class);
    assertEquals(Set.of("the names known without an input are the names of every extracted vector"),
        failedTests(bad));
    TestExecutionSummary silent = run(SilentExtractorContract.class);
    assertTrue(failedTests(silent).contains(
        "the names known without an input are the names of every extracted vector"),
        failedTests(silent).toString());
  }
}
