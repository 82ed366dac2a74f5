package dev.ciclo.core.analysis;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Small trainers and data with known behaviour, for the analysis tests. */
final class TestModels {
  private TestModels() {}

  /** A model from a function. */
  static <X> Model<X, String> model(String name, Function<X, Prediction<String>> f) {
    return new Model<>() {
      @Override
      public Prediction<String> predict(X input) {
        return f.apply(input);
      }

      @Override
      public ModelMetadata metadata() {
        return new ModelMetadata(name, "test", "test", Map.of());
      }

      @Override
      public String format() {
        return "none";
      }

      @Override
      public void writeTo(OutputStream out) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** A predictor that answers from a table keyed by the input (an example id). */
  static Predictor<String, String> lookup(Map<String, Prediction<String>> table) {
    return model("lookup", table::get);
  }

  /** Always predicts the most frequent training label: underfits any real problem. */
  static final class Majority implements Trainer<FeatureVector, String> {
    @Override
    public Model<FeatureVector, String> train(Dataset<FeatureVector, String> data, long seed) {
      Map<String, Integer> counts = new HashMap<>();
      data.forEach(e -> counts.merge(e.target(), 1, Integer::sum));
      String top = counts.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .orElseThrow().getKey();
      return model("majority", x -> Prediction.of(top));
    }

    @Override
    public String name() {
      return "majority";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of();
    }
  }

  /** k-nearest neighbours; with k = 1 it memorises the training set, label noise included. */
  static final class Knn implements Trainer<FeatureVector, String> {
    final int k;

    Knn(int k) {
      this.k = k;
    }

    @Override
    public Model<FeatureVector, String> train(Dataset<FeatureVector, String> data, long seed) {
      List<Example<FeatureVector, String>> memory = new ArrayList<>(data.examples());
      return model("knn", x -> {
        List<Example<FeatureVector, String>> sorted = new ArrayList<>(memory);
        sorted.sort(Comparator.comparingDouble(e -> distance(e.input(), x)));
        Map<String, Integer> votes = new HashMap<>();
        for (int i = 0; i < Math.min(k, sorted.size()); i++) {
          votes.merge(sorted.get(i).target(), 1, Integer::sum);
        }
        return Prediction.of(votes.entrySet().stream()
            .max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey()))
            .orElseThrow().getKey());
      });
    }

    private static double distance(FeatureVector a, FeatureVector b) {
      double s = 0;
      for (int i = 0; i < a.size(); i++) {
        double d = a.get(i) - b.get(i);
        s += d * d;
      }
      return s;
    }

    @Override
    public String name() {
      return k + "-nn";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of("k", Integer.toString(k));
    }
  }

  /**
   * XOR: points in [-1, 1]², label "pos" when x * y > 0; no line separates it. The classes are
   * exactly balanced (even indices "pos", odd "neg", each drawn in its quadrants). A share of
   * the labels is then flipped at random (label noise, so the best possible error is that
   * share).
   */
  static Dataset<FeatureVector, String> xor(int n, double flip, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Example<FeatureVector, String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean pos = i % 2 == 0;
      double x = r.nextDouble(0, 1) * (r.nextBoolean() ? 1 : -1);
      double y = r.nextDouble(0, 1) * Math.signum(x) * (pos ? 1 : -1);
      if (r.nextDouble() < flip) {
        pos = !pos;
      }
      out.add(Example.of("p" + seed + "-" + i, FeatureVector.indexed("x", x, y),
          pos ? "pos" : "neg"));
    }
    return Dataset.of("xor", out);
  }
}
