package dev.ciclo.core.analysis;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/** Error measures and seeded stratified subsets shared by the curve builders. */
final class Errors {
  private Errors() {}

  /** The misclassification rate, labels compared by {@code toString()}. */
  static <X, Y> ToDoubleBiFunction<Predictor<X, Y>, Dataset<X, Y>> misclassification() {
    return (predictor, data) -> {
      List<X> inputs = new ArrayList<>(data.size());
      for (Example<X, Y> e : data) {
        inputs.add(e.input());
      }
      List<Prediction<Y>> p = predictor.predictBatch(inputs);
      long wrong = 0;
      for (int i = 0; i < data.size(); i++) {
        if (!p.get(i).value().toString().equals(data.get(i).target().toString())) {
          wrong++;
        }
      }
      return (double) wrong / data.size();
    };
  }

  /**
   * A seeded order in which every prefix is roughly stratified by target: within each target
   * the examples are shuffled, and each gets the key (rank + u) / classSize with u uniform; the
   * order sorts by key.
   */
  static <X, Y> List<Example<X, Y>> stratifiedOrder(Dataset<X, Y> data, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    java.util.Map<String, List<Integer>> byTarget = new java.util.LinkedHashMap<>();
    for (int i = 0; i < data.size(); i++) {
      byTarget.computeIfAbsent(data.get(i).target().toString(), k -> new ArrayList<>()).add(i);
    }
    double[] key = new double[data.size()];
    for (List<Integer> idx : byTarget.values()) {
      java.util.Collections.shuffle(idx, new java.util.Random(r.nextLong()));
      for (int rank = 0; rank < idx.size(); rank++) {
        key[idx.get(rank)] = (rank + r.nextDouble()) / idx.size();
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> key[i]).thenComparing(i -> i));
    List<Example<X, Y>> out = new ArrayList<>(order.size());
    for (int i : order) {
      out.add(data.get(i));
    }
    return out;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The sample standard deviation (n - 1); 0 for a single value. */
  static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

}
