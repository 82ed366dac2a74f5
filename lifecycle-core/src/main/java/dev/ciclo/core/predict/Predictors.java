package dev.ciclo.core.predict;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** Factories and helpers for {@link Predictor}s. Stateless; all methods are thread-safe. */
public final class Predictors {
  private Predictors() {}

  /**
   * A predictor from a host function, for example a rule, a model of another library or a call
   * to a service. The function must be thread-safe and give the same answer for the same input.
   *
   * <p>An {@link IllegalArgumentException} from the function passes through (the input is not
   * one the model takes); a {@code null} answer is refused with a {@link CicloException}.
   *
   * @param metadata what to report as the model's metadata (framework {@code "host"} by
   *     convention)
   * @param function from an input to its prediction
   * @param <X> the input type
   * @param <Y> the target type
   * @return a thread-safe predictor
   * @throws NullPointerException if an argument is null
   */
  public static <X, Y> Predictor<X, Y> of(
      ModelMetadata metadata, Function<? super X, Prediction<Y>> function) {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(function, "function");
    return new Predictor<>() {
      @Override
      public Prediction<Y> predict(X input) {
        Objects.requireNonNull(input, "input");
        Prediction<Y> p = function.apply(input);
        if (p == null) {
          throw new CicloException("host predictor " + metadata.name() + " v"
              + metadata.version() + " returned null for " + input);
        }
        return p;
      }

      @Override
      public ModelMetadata metadata() {
        return metadata;
      }

      @Override
      public String toString() {
        return "HostPredictor[" + metadata.name() + " v" + metadata.version() + "]";
      }
    };
  }

  /**
   * A predictor that passes each input through {@code extractor} and gives the features to
   * {@code predictor}: an audio clip in, a digit out, with the same extractor object that was
   * used in training.
   *
   * @param extractor the extractor used in training
   * @param predictor a predictor over feature vectors
   * @param <X> the input type
   * @param <Y> the target type
   * @return a predictor over raw inputs with {@code predictor}'s metadata
   * @throws NullPointerException if an argument is null
   */
  public static <X, Y> Predictor<X, Y> withExtractor(
      FeatureExtractor<X> extractor, Predictor<FeatureVector, Y> predictor) {
    Objects.requireNonNull(extractor, "extractor");
    Objects.requireNonNull(predictor, "predictor");
    return new Predictor<>() {
      @Override
      public Prediction<Y> predict(X input) {
        return predictor.predict(extractor.extract(Objects.requireNonNull(input, "input")));
      }

      @Override
      public List<Prediction<Y>> predictBatch(List<? extends X> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<FeatureVector> features = new ArrayList<>(inputs.size());
        for (X x : inputs) {
          features.add(extractor.extract(Objects.requireNonNull(x, "inputs element")));
        }
        return predictor.predictBatch(features);
      }

      @Override
      public ModelMetadata metadata() {
        return predictor.metadata();
      }
    };
  }

  /**
   * Predicts many inputs on an executor, in chunks, and returns the answers in input order. The
   * answers equal {@code predictor.predictBatch(inputs)} because predictors are thread-safe and
   * each answer depends only on its input.
   *
   * @param predictor the predictor
   * @param inputs the inputs, none null
   * @param executor where chunks run (the caller owns it)
   * @param chunkSize inputs per task, at least 1
   * @param <X> the input type
   * @param <Y> the target type
   * @return one prediction per input, in order
   * @throws NullPointerException if an argument or an input is null
   * @throws IllegalArgumentException if {@code chunkSize} is less than 1, or an input is refused
   *     by the predictor
   * @throws CicloException if a chunk fails for another reason
   */
  public static <X, Y> List<Prediction<Y>> predictAll(
      Predictor<X, Y> predictor, List<? extends X> inputs, Executor executor, int chunkSize) {
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(executor, "executor");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1 but was " + chunkSize);
    }
    List<X> copy = new ArrayList<>(inputs.size());
    for (X x : inputs) {
      copy.add(Objects.requireNonNull(x, "inputs element"));
    }
    List<CompletableFuture<List<Prediction<Y>>>> futures = new ArrayList<>();
    for (int from = 0; from < copy.size(); from += chunkSize) {
      List<X> chunk = copy.subList(from, Math.min(copy.size(), from + chunkSize));
      futures.add(CompletableFuture.supplyAsync(() -> predictor.predictBatch(chunk), executor));
    }
    List<Prediction<Y>> out = new ArrayList<>(copy.size());
    for (CompletableFuture<List<Prediction<Y>>> f : futures) {
      try {
        out.addAll(f.join());
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new CicloException("batch prediction with " + predictor.metadata().name()
            + " failed", cause);
      }
    }
    return out;
  }
}
