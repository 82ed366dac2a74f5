package dev.ciclo.augment.tabular;

import dev.ciclo.api.features.FeatureVector;
import java.util.List;
import java.util.Objects;

/** Reference rows as a dense matrix with their feature names; checks that inputs match. */
final class Reference {
  final List<String> names;
  final double[][] rows;

  Reference(List<FeatureVector> vectors) {
    Objects.requireNonNull(vectors, "reference");
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("reference must hold at least 1 row but held 0");
    }
    names = vectors.get(0).names();
    rows = new double[vectors.size()][];
    for (int i = 0; i < rows.length; i++) {
      FeatureVector v = Objects.requireNonNull(vectors.get(i), "reference row");
      check(v, "reference row " + i);
      rows[i] = v.toArray();
    }
  }

  void check(FeatureVector v, String what) {
    if (!v.names().equals(names)) {
      throw new IllegalArgumentException(what + " must have the reference's " + names.size()
          + " features " + abbreviate(names) + " but had " + v.size() + " " + abbreviate(v.names()));
    }
  }

  private static String abbreviate(List<String> n) {
    return n.size() <= 6 ? n.toString() : n.subList(0, 6) + "...";
  }

  double[] std() {
    int d = names.size();
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      double sum = 0;
      for (double[] r : rows) {
        sum += r[j];
      }
      double mean = sum / rows.length;
      double sq = 0;
      for (double[] r : rows) {
        sq += (r[j] - mean) * (r[j] - mean);
      }
      s[j] = Math.sqrt(sq / rows.length);
    }
    return s;
  }
}
