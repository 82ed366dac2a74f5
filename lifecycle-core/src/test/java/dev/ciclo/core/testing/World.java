package dev.ciclo.core.testing;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.Recipes;
import dev.ciclo.core.maintain.SwapTarget;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeded 2-D Gaussian classes, a workspace with registry, run store and an in-memory log, a
 * clock tests move, and a champion trained with a Tribuo logistic regression.
 *
 * <p>Public, in this package that core's main code does not have (with {@link IntLabels}),
 * because lifecycle-serve's tests use it through core's test jar: serve is a named module, so
 * its tests see core's test classes only in packages that module {@code dev.ciclo.core} lacks.
 */
public final class World {
  public static final String MODEL = "blobs";
  /**
   * The same blobs as a model with {@code Integer} labels: a class's number is its index in
   * {@link #CLASSES} (a = 0, b = 1, c = 2).
   */
  public static final String INT_MODEL = "blobs-int";
  public static final List<String> CLASSES = List.of("a", "b", "c");
  public static final List<String> NAMES = List.of("x0", "x1");
  /** The world the champion was trained on. */
  public static final Map<String, double[]> OLD = centres("a", -2, 0, 0.5, "b", 2, 0, 1.0);
  /** After a promotion, a and b swap places: whatever learnt the old world is now wrong. */
  public static final Map<String, double[]> FLIPPED = centres("a", 2, 0, 0.5, "b", -2, 0, 1.0);
  /** A new class appears far from the others: a better model exists, no one loses. */
  public static final Map<String, double[]> NEW_APART = centres("a", -2, 0, 0.5, "b", 2, 0, 1.0, "c", 0, 4, 0.5);
  /** A new class appears next to b: learning it costs b's near edge. */
  public static final Map<String, double[]> NEW_NEAR_B = centres("a", -2, 0, 0.5, "b", 2, 0, 1.0, "c", 0.6, 0, 0.5);

  public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  public final Workspace workspace;
  public final FileModelRegistry registry;
  public final RunStore runs;
  public final MemoryLog log = new MemoryLog();
  public final TribuoClassifierTrainer<FeatureVector> trainer =
      TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 10);
  public final Dataset<FeatureVector, String> oldTrain;
  public final IntLabels.IntTrainer intTrainer = new IntLabels.IntTrainer(trainer);
  public final ModelVersion champion;
  private int requests;

  public World(Path dir) {
    workspace = Workspace.open(dir);
    registry = FileModelRegistry.builder(workspace).clock(clock)
        .loader(TribuoModelLoader.of(FeatureVector.class, FeatureExtractor.identity()))
        .loader(INT_MODEL, IntLabels.loader()).build();
    runs = RunStore.in(workspace);
    oldTrain = sample("old", OLD, 300, 1);
    RunRecorder.Result<FeatureVector, String> r = RunRecorder.builder().store(runs).clock(clock)
        .build().train(trainer, oldTrain, Dataset.of("none", List.of()), 7);
    champion = registry.register(MODEL, r.model(), r.record());
    registry.setAlias(MODEL, "champion", champion.version(), "first model");
    clock.advance(Duration.ofMinutes(1));
  }

  /** Classes as (label, x, y, spread) groups. */
  public static Map<String, double[]> centres(Object... labelXyS) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < labelXyS.length; i += 4) {
      m.put((String) labelXyS[i], new double[] {((Number) labelXyS[i + 1]).doubleValue(),
          ((Number) labelXyS[i + 2]).doubleValue(), ((Number) labelXyS[i + 3]).doubleValue()});
    }
    return m;
  }

  public static FeatureVector point(double[] c, SplittableRandom r) {
    return FeatureVector.of(NAMES,
        new double[] {c[0] + c[2] * r.nextGaussian(), c[1] + c[2] * r.nextGaussian()});
  }

  public static Dataset<FeatureVector, String> sample(String name, Map<String, double[]> world, int n,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> labels = List.copyOf(world.keySet());
    List<Example<FeatureVector, String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String y = labels.get(i % labels.size());
      out.add(Example.of(name + "-" + i, point(world.get(y), r), y));
    }
    return Dataset.of(name, out);
  }

  public static FeatureVector decode(Payload p) {
    return FeatureVector.of(NAMES, ((TensorPayload) p).doubles());
  }

  public static TensorPayload raw(FeatureVector v) {
    return TensorPayload.ofDoubles(TensorPayload.ElementType.FP64, new long[] {2},
        v.toArray());
  }

  public static Map<String, Signal> signals(FeatureVector v) {
    return Map.of("x0", Signal.of(v.get(0)), "x1", Signal.of(v.get(1)));
  }

  public Predictor<FeatureVector, String> served() {
    return registry.load(registry.aliased(MODEL, "champion").orElseThrow(), FeatureVector.class,
        String.class);
  }

  /** A class's number in the Integer-label model. */
  public static int number(String className) {
    int i = CLASSES.indexOf(className);
    if (i < 0) {
      throw new IllegalArgumentException("no class " + className);
    }
    return i;
  }

  /** The old training set with Integer labels (same examples, same order). */
  public Dataset<FeatureVector, Integer> oldTrainInt() {
    return oldTrain.map("labels as numbers", e -> new Example<>(e.id(), e.input(),
        number(e.target()), e.group(), e.tags(), e.metadata()));
  }

  /**
   * Trains and registers the Integer-label champion of {@link #INT_MODEL} (same recipe and seed
   * as the String one) and sets its champion alias.
   */
  public ModelVersion intChampion() {
    RunRecorder.Result<FeatureVector, Integer> r = RunRecorder.builder().store(runs).clock(clock)
        .build().train(intTrainer, oldTrainInt(), Dataset.of("none", List.of()), 7);
    ModelVersion v = registry.register(INT_MODEL, r.model(), r.record());
    registry.setAlias(INT_MODEL, "champion", v.version(), "first model");
    clock.advance(Duration.ofMinutes(1));
    return v;
  }

  public Predictor<FeatureVector, Integer> servedInt() {
    return registry.load(registry.aliased(INT_MODEL, "champion").orElseThrow(),
        FeatureVector.class, Integer.class);
  }

  /**
   * Logs {@code n} predictions of the current champion on points of a world (one second apart)
   * and returns their true labels.
   */
  public List<LabelRecord> traffic(Map<String, double[]> world, int n, Consent consent, long seed) {
    return traffic(MODEL, served(), y -> y, world, n, consent, seed);
  }

  /**
   * Like {@link #traffic} for the Integer-label model: predictions are logged as the numbers'
   * text, as a server writes them, and the labels' text is the class number.
   */
  public List<LabelRecord> intTraffic(Map<String, double[]> world, int n, Consent consent, long seed) {
    return traffic(INT_MODEL, servedInt(), y -> Integer.toString(number(y)), world, n, consent,
        seed);
  }

  private <Y> List<LabelRecord> traffic(String model, Predictor<FeatureVector, Y> p,
      Function<String, String> labelText, Map<String, double[]> world, int n, Consent consent,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> labels = List.copyOf(world.keySet());
    List<LabelRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String y = labels.get(i % labels.size());
      FeatureVector x = point(world.get(y), r);
      Prediction<Y> pred = p.predict(x);
      String id = "req-" + (++requests);
      log.append(PredictionRecord.of(id, clock.instant(), model, p.metadata().version(),
          signals(x), String.valueOf(pred.value()), pred.scores(), Duration.ofMillis(1), consent,
          "user-" + i % 7), raw(x));
      out.add(new LabelRecord(id, labelText.apply(y), clock.instant()));
      clock.advance(Duration.ofSeconds(1));
    }
    return out;
  }

  public MaintenanceLoop.Builder<FeatureVector, String> loop() {
    return MaintenanceLoop.builder(MODEL, FeatureVector.class)
        .registry(registry).runs(runs).log(log).clock(clock)
        .recipes(Recipes.of(List.of(trainer)))
        .decoder(World::decode)
        .trainingSet(oldTrain);
  }

  /** The loop of the Integer-label model: labels parsed with {@code Integer::valueOf}. */
  public MaintenanceLoop.Builder<FeatureVector, Integer> intLoop() {
    return MaintenanceLoop.builder(INT_MODEL, FeatureVector.class, Integer.class,
            Integer::valueOf)
        .registry(registry).runs(runs).log(log).clock(clock)
        .recipes(Recipes.of(List.of(intTrainer)))
        .decoder(World::decode)
        .trainingSet(oldTrainInt());
  }

  /**
   * A {@link SwapTarget} that serves one model the way a server does: {@link #swapTo} loads the
   * version an alias names with the loop's label type, and remembers every swap and shadow.
   */
  public static final class Served<Y> implements SwapTarget {
    public final String modelName;
    public final Class<Y> labelType;
    public final List<String> swaps = new ArrayList<>();
    public final List<String> shadows = new ArrayList<>();
    public Predictor<FeatureVector, Y> live;
    public ModelVersion version;

    public Served(dev.ciclo.api.registry.ModelRegistry registry, String modelName, Class<Y> labelType) {
      this.modelName = modelName;
      this.labelType = labelType;
      load(registry, "champion");
    }

    private void load(dev.ciclo.api.registry.ModelRegistry registry, String alias) {
      version = registry.aliased(modelName, alias).orElseThrow(
          () -> new IllegalArgumentException("alias " + alias + " is not set"));
      live = registry.load(version, FeatureVector.class, labelType);
    }

    @Override
    public synchronized ModelVersion swapTo(String name,
        dev.ciclo.api.registry.ModelRegistry registry, String alias) {
      check(name);
      load(registry, alias);
      swaps.add(alias + " -> " + version.version());
      return version;
    }

    @Override
    public synchronized void shadow(String name, Predictor<?, ?> challenger) {
      check(name);
      shadows.add(challenger == null ? "none" : challenger.metadata().version());
    }

    @Override
    public synchronized String servedVersion(String name) {
      check(name);
      return Integer.toString(version.version());
    }

    private void check(String name) {
      if (!modelName.equals(name)) {
        throw new IllegalArgumentException("no model " + name + " is served");
      }
    }
  }
}
