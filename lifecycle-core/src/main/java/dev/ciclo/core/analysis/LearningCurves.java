package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.LearningCurvePoint;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train and dev error against training-set size, over any {@link Trainer}.
 *
 * <p>For each size and each repeat {@code r}, a seeded subset of that size is taken from the
 * training data (a prefix of a shuffled order that keeps the targets' proportions), a model is
 * trained on it with a seed drawn from the builder's seed, and its error is measured on the
 * subset itself and on the dev data. Each point holds the mean and the sample standard
 * deviation over the repeats. The same data, sizes and seed give the same curve.
 *
 * <pre>{@code
 * LearningCurve c = LearningCurves.builder(trainer).fractions(0.1, 0.25, 0.5, 1.0)
 *     .repeats(3).seed(7).build().run(train, dev);
 * }</pre>
 *
 * <p>Runs on the calling thread. Immutable and thread-safe when the trainer is.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public final class LearningCurves<X, Y> {
  private static final Logger LOG = LoggerFactory.getLogger(LearningCurves.class);

  private final Trainer<X, Y> trainer;
  private final int[] sizes;
  private final double[] fractions;
  private final int repeats;
  private final long seed;
  private final ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> error;

  private LearningCurves(Builder<X, Y> b) {
    trainer = b.trainer;
    sizes = b.sizes;
    fractions = b.fractions;
    repeats = b.repeats;
    seed = b.seed;
    error = b.error;
  }

  /**
   * A builder with the defaults: fractions 0.1, 0.2, 0.4, 0.7, 1.0 of the training data, 3
   * repeats, seed 0, misclassification rate (labels compared by {@code toString()}).
   *
   * @param trainer the trainer to run
   * @param <X> the input type
   * @param <Y> the target type
   * @return a new builder
   */
  public static <X, Y> Builder<X, Y> builder(Trainer<X, Y> trainer) {
    return new Builder<>(Objects.requireNonNull(trainer, "trainer"));
  }

  /**
   * Trains and measures at every size.
   *
   * @param train the training data
   * @param dev the dev data, not empty
   * @return the curve, one point per distinct size, by increasing size
   * @throws IllegalArgumentException if the dev data is empty, a size exceeds the training data
   *     (the message names both), or the trainer refuses a subset
   */
  public LearningCurve run(Dataset<X, Y> train, Dataset<X, Y> dev) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    if (dev.isEmpty()) {
      throw new IllegalArgumentException("dev dataset " + dev.name() + " is empty");
    }
    int[] n = resolveSizes(train.size());
    SplittableRandom seeds = new SplittableRandom(seed);
    long[] orderSeeds = new long[repeats];
    long[] trainSeeds = new long[repeats];
    for (int r = 0; r < repeats; r++) {
      orderSeeds[r] = seeds.nextLong();
      trainSeeds[r] = seeds.nextLong();
    }
    List<List<dev.ciclo.api.data.Example<X, Y>>> orders = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      orders.add(Errors.stratifiedOrder(train, orderSeeds[r]));
    }
    List<LearningCurvePoint> points = new ArrayList<>();
    for (int size : n) {
      double[] tr = new double[repeats];
      double[] dv = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        Dataset<X, Y> subset = Dataset.of(train.name(), orders.get(r).subList(0, size))
            .withStep("learning-curve subset: " + size + " of " + train.size() + ", repeat " + r);
        Model<X, Y> model = trainer.train(subset, trainSeeds[r]);
        tr[r] = error.applyAsDouble(model, subset);
        dv[r] = error.applyAsDouble(model, dev);
      }
      LOG.debug("learning curve {} at {}: train {} dev {}", trainer.name(), size,
          Errors.mean(tr), Errors.mean(dv));
      points.add(new LearningCurvePoint(size, repeats, Errors.mean(tr), Errors.std(tr),
          Errors.mean(dv), Errors.std(dv)));
    }
    return new LearningCurve(points);
  }

  private int[] resolveSizes(int available) {
    int[] out;
    if (sizes != null) {
      out = sizes.clone();
      for (int s : out) {
        if (s > available) {
          throw new IllegalArgumentException("training size " + s
              + " exceeds the " + available + " training examples");
        }
      }
    } else {
      out = new int[fractions.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.max(1, (int) Math.round(fractions[i] * available));
      }
    }
    return Arrays.stream(out).distinct().sorted().toArray();
  }

  /**
   * Configures {@link LearningCurves}. Not thread-safe.
   *
   * @param <X> the input type
   * @param <Y> the target type
   */
  public static final class Builder<X, Y> {
    private final Trainer<X, Y> trainer;
    private int[] sizes;
    private double[] fractions = {0.1, 0.2, 0.4, 0.7, 1.0};
    private int repeats = 3;
    private long seed;
    private ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> error = Errors.misclassification();

    private Builder(Trainer<X, Y> trainer) {
      this.trainer = trainer;
    }

    /**
     * Training sizes as counts; replaces any fractions.
     *
     * @param sizes at least one, each positive
     * @return this builder
     * @throws IllegalArgumentException if empty or a size is below 1
     */
    public Builder<X, Y> sizes(int... sizes) {
      Objects.requireNonNull(sizes, "sizes");
      if (sizes.length == 0) {
        throw new IllegalArgumentException("sizes must not be empty");
      }
      for (int s : sizes) {
        if (s < 1) {
          throw new IllegalArgumentException("sizes must be positive but one was " + s);
        }
      }
      this.sizes = sizes.clone();
      this.fractions = null;
      return this;
    }

    /**
     * Training sizes as fractions of the training data; replaces any sizes. Default 0.1, 0.2,
     * 0.4, 0.7, 1.0.
     *
     * @param fractions at least one, each in {@code (0, 1]}
     * @return this builder
     * @throws IllegalArgumentException if empty or a fraction is out of range
     */
    public Builder<X, Y> fractions(double... fractions) {
      Objects.requireNonNull(fractions, "fractions");
      if (fractions.length == 0) {
        throw new IllegalArgumentException("fractions must not be empty");
      }
      for (double f : fractions) {
        if (!(f > 0 && f <= 1)) {
          throw new IllegalArgumentException("fractions must be in (0, 1] but one was " + f);
        }
      }
      this.fractions = fractions.clone();
      this.sizes = null;
      return this;
    }

    /**
     * How many seeded subsets per size. Default 3.
     *
     * @param repeats from 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X, Y> repeats(int repeats) {
      this.repeats = Checks.between(repeats, 1, 100, "repeats");
      return this;
    }

    /**
     * The seed of the subsets and of training. Default 0.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder<X, Y> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How to measure error (lower is better). Default the misclassification rate.
     *
     * @param error the measure, of a model on a dataset
     * @return this builder
     */
    public Builder<X, Y> errorMeasure(ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> error) {
      this.error = Objects.requireNonNull(error, "error");
      return this;
    }

    /**
     * Makes the runner.
     *
     * @return the runner
     */
    public LearningCurves<X, Y> build() {
      return new LearningCurves<>(this);
    }
  }
}
