package dev.ciclo.core.evaluate;

import dev.ciclo.api.analysis.ReliabilityBin;
import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.api.predict.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Computes {@link Calibration}s. */
final class CalibrationCalculator {
  /** scikit-learn's clipping of probabilities in {@code log_loss}. */
  static final double EPS = 1e-15;

  private CalibrationCalculator() {}

  static Calibration compute(
      List<String> actual, List<? extends Prediction<?>> predictions, int bins) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predictions, "predictions");
    if (actual.size() != predictions.size()) {
      throw new IllegalArgumentException("actual and predictions must have the same size but were "
          + actual.size() + " and " + predictions.size());
    }
    if (actual.isEmpty()) {
      throw new IllegalArgumentException("cannot measure calibration of zero predictions");
    }
    if (bins < 1 || bins > 1000) {
      throw new IllegalArgumentException("bins must be between 1 and 1000 but was " + bins);
    }
    int n = actual.size();
    long[] count = new long[bins];
    double[] confSum = new double[bins];
    long[] right = new long[bins];
    double lossSum = 0;
    for (int i = 0; i < n; i++) {
      Prediction<?> p = Objects.requireNonNull(predictions.get(i), "predictions element");
      String a = Objects.requireNonNull(actual.get(i), "actual element");
      Map<String, Double> scores = p.scores();
      if (scores.isEmpty()) {
        throw new IllegalArgumentException(
            "prediction " + i + " has no scores; calibration needs a probabilistic classifier");
      }
      double clippedSum = 0;
      double rawSum = 0;
      for (Map.Entry<String, Double> s : scores.entrySet()) {
        double v = s.getValue();
        if (v < 0) {
          throw new IllegalArgumentException("prediction " + i + " has a negative score "
              + v + " for label '" + s.getKey() + "'; scores must be probabilities");
        }
        rawSum += v;
        clippedSum += clip(v);
      }
      if (rawSum <= 0) {
        throw new IllegalArgumentException("prediction " + i + " has only zero scores");
      }
      Double pa = scores.get(a);
      double pActual = clip(pa == null ? 0 : pa) / clippedSum;
      lossSum -= Math.log(pActual);
      String value = p.value().toString();
      Double pv = scores.get(value);
      if (pv == null) {
        throw new IllegalArgumentException("prediction " + i + " has no score for its own value '"
            + value + "'");
      }
      double confidence = Math.min(1, pv / rawSum);
      int b = Math.min((int) (confidence * bins), bins - 1);
      count[b]++;
      confSum[b] += confidence;
      if (value.equals(a)) {
        right[b]++;
      }
    }
    List<ReliabilityBin> out = new ArrayList<>();
    double ece = 0;
    double mce = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] == 0) {
        continue;
      }
      double meanConf = Math.min(1, confSum[b] / count[b]);
      double acc = (double) right[b] / count[b];
      double gap = Math.abs(acc - meanConf);
      ece += gap * count[b] / n;
      mce = Math.max(mce, gap);
      out.add(new ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b], meanConf,
          acc));
    }
    return new Calibration(n, lossSum / n, Math.min(1, ece), mce, out);
  }

  private static double clip(double v) {
    return Math.max(EPS, Math.min(1 - EPS, v));
  }
}
