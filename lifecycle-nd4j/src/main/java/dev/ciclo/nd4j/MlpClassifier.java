package dev.ciclo.nd4j;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.train.IterativeTrainer;
import dev.ciclo.core.train.TargetCheck;
import dev.ciclo.core.train.TrainingLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multi-layer perceptron classifier: ReLU hidden layers, a softmax output, cross-entropy loss,
 * Adam, L2 weight decay and dropout, on ND4J. Inputs are standardised with the training set's
 * mean and standard deviation (stored in the model). Weights start He-initialised from the
 * seed; dropout masks come from the seed too, so the same data and seed give the same model.
 *
 * <p>It is an {@link IterativeTrainer} for {@link TrainingLoop} (early stopping, checkpoints,
 * schedules) and also a plain {@link Trainer}, whose {@link #train} runs the builder's loop.
 *
 * <pre>{@code
 * MlpClassifier<FeatureVector> mlp = MlpClassifier.builder(FeatureExtractor.identity())
 *     .hiddenLayers(128, 64).l2(1e-4).dropout(0.2).build();
 * TrainingResult<FeatureVector, String> r = TrainingLoop.builder().epochs(60).batchSize(32)
 *     .learningRate(LearningRateSchedule.constant(1e-3))
 *     .earlyStopping(EarlyStopping.maximize("dev.accuracy", 8)).build()
 *     .run(mlp, split.train(), split.dev(), 42);
 * }</pre>
 *
 * <p><b>Threads.</b> Training runs its matrix products on the OpenBLAS that ND4J ships, and
 * ND4J's own ops on an OpenMP pool; both pools are process-wide. A small network gains nothing
 * from more threads: a parallel region costs tens of microseconds, and spinning threads take
 * cores that a shared machine needs elsewhere (the speech recipe trained in 15 s on one thread
 * and in 32 to 476 s on two, on a busy 2-core machine). So the learner sets both pools' size
 * before each batch (a few native calls, only a change costs): {@link Builder#threads} if given,
 * else the rule {@link #threadsFor}: one thread per {@value #WORK_PER_THREAD} multiply-adds of
 * one batch of 64 examples through the layers, at least 1 and at most the available processors.
 * Because the rule depends on the network and not on {@code OMP_NUM_THREADS}, a process started
 * with 1, 2 or 4 OpenMP threads trains the same bytes from the same data and seed (dropout masks
 * and the element-wise steps are computed in Java for the same reason: ND4J's random and
 * reduction ops split their work by thread). An explicit count above 1 may round matrix products
 * differently.
 *
 * <p>Immutable and thread-safe; each run has its own learner.
 *
 * @param <X> the input type
 */
public final class MlpClassifier<X> implements IterativeTrainer<X, String>, Trainer<X, String> {
  final FeatureExtractor<X> extractor;
  final int[] hidden;
  final double l2;
  final double dropout;
  final double beta1;
  final double beta2;
  final double epsilon;
  final int threads;
  private final TrainingLoop loop;
  private final Map<String, String> parameters;
  private final boolean allowNumericLabels;

  private MlpClassifier(Builder<X> b) {
    this.extractor = b.extractor;
    this.hidden = b.hidden.clone();
    this.l2 = b.l2;
    this.dropout = b.dropout;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.threads = b.threads;
    this.loop = b.loop;
    this.allowNumericLabels = b.allowNumericLabels;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hiddenLayers", Arrays.toString(hidden));
    p.put("activation", "relu");
    p.put("output", "softmax");
    p.put("optimiser", "adam(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")");
    p.put("l2", Double.toString(l2));
    p.put("dropout", Double.toString(dropout));
    p.put("features", extractor.describe());
    this.parameters = Map.copyOf(p);
  }

  /**
   * A builder with the defaults: one hidden layer of 64 units, L2 1e-4, no dropout, Adam
   * (0.9, 0.999, 1e-8), and for {@link #train} a loop of 20 epochs, batch 32, learning rate 1e-3,
   * no progress bar.
   *
   * @param extractor turns inputs into features; every input must give the same feature names
   * @param <X> the input type
   * @return a new builder
   */
  /** Multiply-adds of one batch of 64 that justify one more ND4J thread. */
  public static final long WORK_PER_THREAD = 50_000_000L;

  /**
   * The ND4J thread count for a network: one thread per {@value #WORK_PER_THREAD} multiply-adds
   * of a batch of 64 examples through every layer, at least 1, at most the available processors.
   *
   * @param inputs the number of input features
   * @param hidden the hidden layer sizes
   * @param outputs the number of classes
   * @return the thread count
   */
  public static int threadsFor(int inputs, int[] hidden, int outputs) {
    long work = 0;
    int in = inputs;
    for (int h : hidden) {
      work += (long) in * h;
      in = h;
    }
    work += (long) in * outputs;
    long t = work * 64 / WORK_PER_THREAD;
    return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), t));
  }

  public static <X> Builder<X> builder(FeatureExtractor<X> extractor) {
    return new Builder<>(extractor);
  }

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * Trains with the builder's {@link TrainingLoop} and no dev set.
   *
   * @param data the training data, at least two labels
   * @param seed the seed
   * @return the model of the last epoch
   * @throws IllegalArgumentException if the data is empty, has one label or inputs whose
   *     features differ
   */
  @Override
  public MlpModel<X> train(Dataset<X, String> data, long seed) {
    return (MlpModel<X>) loop.run(this, data, seed).model();
  }

  /**
   * Starts a run: extracts the training features once, computes the scaling and initialises
   * the weights from the seed.
   *
   * @param train the training data, at least two labels
   * @param seed the seed of the initial weights and dropout
   * @return the learner
   * @throws IllegalArgumentException if the data is empty, has one label, its labels look
   *     continuous ({@link TargetCheck}), or an input's features differ in names from the first
   *     input's (naming the example)
   */
  @Override
  public MlpLearner<X> start(Dataset<X, String> train, long seed) {
    Objects.requireNonNull(train, "train");
    if (train.isEmpty()) {
      throw new IllegalArgumentException("cannot train on dataset " + train.name() + ": it is empty");
    }
    if (train.targets().size() < 2) {
      throw new IllegalArgumentException("cannot train a classifier on dataset " + train.name()
          + ": it has only the label(s) " + train.targets() + ", at least 2 are needed");
    }
    TargetCheck.classification(train, allowNumericLabels);
    IdentityHashMap<Example<X, String>, double[]> cache = new IdentityHashMap<>();
    List<String> names = null;
    for (Example<X, String> e : train) {
      FeatureVector v;
      try {
        v = extractor.extract(e.input());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("example " + e.id() + " of dataset " + train.name()
            + " cannot be used: " + ex.getMessage(), ex);
      }
      if (names == null) {
        names = v.names();
      } else if (!names.equals(v.names())) {
        throw new IllegalArgumentException("example " + e.id() + " of dataset " + train.name()
            + " has " + v.size() + " features but the first example has " + names.size()
            + " (or other names): every input must give the same features");
      }
      cache.put(e, v.toArray());
    }
    int d = names.size();
    double[] mean = new double[d];
    double[] scale = new double[d];
    // sums in the dataset's order: the cache's (identity hash) order differs between JVMs, and
    // so would the sums' last bits, and with them the model's
    for (Example<X, String> e : train) {
      double[] row = cache.get(e);
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    int n = train.size();
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (Example<X, String> e : train) {
      double[] row = cache.get(e);
      for (int j = 0; j < d; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / n);
      scale[j] = sd > 1e-12 ? sd : 1; // a constant feature is centred, not blown up
    }
    List<String> labels = new ArrayList<>(new TreeSet<>(train.targets()));
    SplittableRandom r = new SplittableRandom(seed);
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    int in = d;
    int[] sizes = Arrays.copyOf(hidden, hidden.length + 1);
    sizes[hidden.length] = labels.size();
    for (int out : sizes) {
      float[] values = new float[in * out];
      double std = Math.sqrt(2.0 / in);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (gaussian(r) * std);
      }
      w.add(Nd4j.create(values, new long[] {in, out}, 'c'));
      b.add(Network.zeros(1, out));
      in = out;
    }
    Map<String, String> props = new LinkedHashMap<>(parameters);
    props.put("trainer", name());
    props.put("seed", Long.toString(seed));
    props.put("trainFingerprint", train.fingerprint());
    props.put("trainSize", Integer.toString(train.size()));
    ModelMetadata meta = new ModelMetadata(name(), "unregistered", "nd4j", props);
    int t = threads > 0 ? threads : threadsFor(d, hidden, labels.size());
    return new MlpLearner<>(new Network(names, labels, mean, scale, w, b), extractor, cache,
        this, meta, seed, t);
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller from the seeded stream, so initial weights do not depend on ND4J's RNG
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Configures an {@link MlpClassifier}; each setter checks its value at once. Not thread-safe.
   *
   * @param <X> the input type
   */
  public static final class Builder<X> {
    private final FeatureExtractor<X> extractor;
    private int[] hidden = {64};
    private double l2 = 1e-4;
    private double dropout;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private boolean allowNumericLabels;
    private int threads;
    private TrainingLoop loop = TrainingLoop.builder().epochs(20).batchSize(32).noProgressBar()
        .build();

    private Builder(FeatureExtractor<X> extractor) {
      this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /**
     * The hidden layers' sizes, input side first. Default {@code 64}.
     *
     * @param sizes one to 16 sizes, each from 1 to 65,536
     * @return this builder
     * @throws IllegalArgumentException if a size or the count is out of range
     */
    public Builder<X> hiddenLayers(int... sizes) {
      Objects.requireNonNull(sizes, "sizes");
      if (sizes.length < 1 || sizes.length > 16) {
        throw new IllegalArgumentException("hiddenLayers must list 1 to 16 sizes but listed "
            + sizes.length);
      }
      for (int s : sizes) {
        if (s < 1 || s > 65_536) {
          throw new IllegalArgumentException("a hidden layer size must be between 1 and 65536"
              + " but was " + s);
        }
      }
      this.hidden = sizes.clone();
      return this;
    }

    /**
     * The L2 penalty on weights (not biases): {@code l2 * w} is added to each weight's gradient,
     * the gradient of {@code l2 / 2 * sum(w^2)}. The loss reported per step is the batch's mean
     * cross-entropy, without this term. Default 1e-4.
     *
     * @param l2 in {@code [0, 10]}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X> l2(double l2) {
      if (!(l2 >= 0 && l2 <= 10)) {
        throw new IllegalArgumentException("l2 must be in [0, 10] but was " + l2);
      }
      this.l2 = l2;
      return this;
    }

    /**
     * The share of hidden units dropped in training (inverted dropout). Default 0.
     *
     * @param rate in {@code [0, 0.95]}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X> dropout(double rate) {
      if (!(rate >= 0 && rate <= 0.95)) {
        throw new IllegalArgumentException("dropout must be in [0, 0.95] but was " + rate);
      }
      this.dropout = rate;
      return this;
    }

    /**
     * Adam's moment decay rates and epsilon. Default 0.9, 0.999, 1e-8.
     *
     * @param beta1 in {@code [0, 1)}
     * @param beta2 in {@code [0, 1)}
     * @param epsilon in {@code (0, 1]}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X> adam(double beta1, double beta2, double epsilon) {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1) but were " + beta1
            + " and " + beta2);
      }
      if (!(epsilon > 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("epsilon must be in (0, 1] but was " + epsilon);
      }
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.epsilon = epsilon;
      return this;
    }

    /**
     * The loop {@link MlpClassifier#train} runs. Default: 20 epochs, batch 32, learning rate
     * 1e-3, no progress bar.
     *
     * @param loop the loop; it must not use early stopping (train has no dev set)
     * @return this builder
     */
    /**
     * The number of ND4J threads training uses (see the class comment).
     *
     * @param n 1 to 256, or 0 for the rule {@link MlpClassifier#threadsFor} (the default)
     * @return this
     */
    public Builder<X> threads(int n) {
      if (n < 0 || n > 256) {
        throw new IllegalArgumentException("threads must be between 0 and 256 but was " + n);
      }
      this.threads = n;
      return this;
    }

    public Builder<X> loop(TrainingLoop loop) {
      this.loop = Objects.requireNonNull(loop, "loop");
      return this;
    }

    /**
     * Accepts targets whose labels are many distinct numbers (class codes). Default: such a
     * target is refused as looking continuous, with an error that suggests regression
     * ({@link TargetCheck}).
     *
     * @param allow true to accept them
     * @return this builder
     */
    public Builder<X> allowNumericLabels(boolean allow) {
      this.allowNumericLabels = allow;
      return this;
    }

    /**
     * Makes the classifier.
     *
     * @return the classifier
     */
    public MlpClassifier<X> build() {
      return new MlpClassifier<>(this);
    }
  }
}
