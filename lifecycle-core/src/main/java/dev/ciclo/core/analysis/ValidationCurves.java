package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.api.analysis.ValidationCurvePoint;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

/**
 * Train and dev error against the values of one hyperparameter: for each value, the trainer it
 * makes is trained on the whole training data once per repeat (each repeat with its own seed
 * drawn from the builder's seed), and its error is measured on the training and dev data.
 *
 * <pre>{@code
 * ValidationCurve c = ValidationCurves.builder("epochs", List.of(1, 2, 5, 10),
 *         (Integer e) -> TribuoClassifierTrainer.logisticRegression(mfcc, e))
 *     .repeats(2).seed(7).build().run(train, dev);
 * }</pre>
 *
 * <p>Runs on the calling thread. Immutable and thread-safe when the trainer factory is.
 *
 * @param <V> the hyperparameter's type
 * @param <X> the input type
 * @param <Y> the target type
 */
public final class ValidationCurves<V, X, Y> {
  private final String parameter;
  private final List<V> values;
  private final Function<? super V, ? extends Trainer<X, Y>> trainerFor;
  private final int repeats;
  private final long seed;
  private final ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> error;

  private ValidationCurves(Builder<V, X, Y> b) {
    parameter = b.parameter;
    values = b.values;
    trainerFor = b.trainerFor;
    repeats = b.repeats;
    seed = b.seed;
    error = b.error;
  }

  /**
   * A builder with the defaults: 1 repeat, seed 0, misclassification rate.
   *
   * @param parameter the hyperparameter's name, not blank
   * @param values the values to try, at least one, none null, in plotting order
   * @param trainerFor makes the trainer for a value
   * @param <V> the hyperparameter's type
   * @param <X> the input type
   * @param <Y> the target type
   * @return a new builder
   * @throws IllegalArgumentException if the name is blank or there is no value
   */
  public static <V, X, Y> Builder<V, X, Y> builder(String parameter, List<V> values,
      Function<? super V, ? extends Trainer<X, Y>> trainerFor) {
    return new Builder<>(parameter, values, trainerFor);
  }

  /**
   * Trains and measures at every value.
   *
   * @param train the training data
   * @param dev the dev data, not empty
   * @return the curve
   * @throws IllegalArgumentException if the dev data is empty or the trainer refuses the data
   */
  public ValidationCurve run(Dataset<X, Y> train, Dataset<X, Y> dev) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    if (dev.isEmpty()) {
      throw new IllegalArgumentException("dev dataset " + dev.name() + " is empty");
    }
    SplittableRandom seeds = new SplittableRandom(seed);
    long[] trainSeeds = new long[repeats];
    for (int r = 0; r < repeats; r++) {
      trainSeeds[r] = seeds.nextLong();
    }
    List<ValidationCurvePoint> points = new ArrayList<>();
    for (V v : values) {
      Trainer<X, Y> trainer = Objects.requireNonNull(trainerFor.apply(v),
          "trainerFor returned null for " + parameter + "=" + v);
      double[] tr = new double[repeats];
      double[] dv = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        Model<X, Y> model = trainer.train(train, trainSeeds[r]);
        tr[r] = error.applyAsDouble(model, train);
        dv[r] = error.applyAsDouble(model, dev);
      }
      points.add(new ValidationCurvePoint(String.valueOf(v), repeats, Errors.mean(tr),
          Errors.std(tr), Errors.mean(dv), Errors.std(dv)));
    }
    return new ValidationCurve(parameter, points);
  }

  /**
   * Configures {@link ValidationCurves}. Not thread-safe.
   *
   * @param <V> the hyperparameter's type
   * @param <X> the input type
   * @param <Y> the target type
   */
  public static final class Builder<V, X, Y> {
    private final String parameter;
    private final List<V> values;
    private final Function<? super V, ? extends Trainer<X, Y>> trainerFor;
    private int repeats = 1;
    private long seed;
    private ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> error = Errors.misclassification();

    private Builder(String parameter, List<V> values,
        Function<? super V, ? extends Trainer<X, Y>> trainerFor) {
      Objects.requireNonNull(parameter, "parameter");
      if (parameter.isBlank()) {
        throw new IllegalArgumentException("parameter must not be blank");
      }
      this.values = List.copyOf(values);
      if (this.values.isEmpty()) {
        throw new IllegalArgumentException("values of " + parameter + " must not be empty");
      }
      this.parameter = parameter;
      this.trainerFor = Objects.requireNonNull(trainerFor, "trainerFor");
    }

    /**
     * How many seeded runs per value. Default 1.
     *
     * @param repeats from 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<V, X, Y> repeats(int repeats) {
      this.repeats = Checks.between(repeats, 1, 100, "repeats");
      return this;
    }

    /**
     * The seed of training. Default 0.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder<V, X, Y> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How to measure error (lower is better). Default the misclassification rate.
     *
     * @param error the measure, of a model on a dataset
     * @return this builder
     */
    public Builder<V, X, Y> errorMeasure(
        ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> error) {
      this.error = Objects.requireNonNull(error, "error");
      return this;
    }

    /**
     * Makes the runner.
     *
     * @return the runner
     */
    public ValidationCurves<V, X, Y> build() {
      return new ValidationCurves<>(this);
    }
  }
}
