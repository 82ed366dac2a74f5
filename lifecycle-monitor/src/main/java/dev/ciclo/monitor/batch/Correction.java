package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Corrections for testing many features at once. Without one, testing 100 stable features at
 * 0.05 flags about five of them every window.
 *
 * <p>Thread-safe.
 */
public enum Correction {
  /** Each test at {@code alpha}: rejects when {@code p <= alpha}. */
  NONE,
  /**
   * Bonferroni: each test at {@code alpha / m}; the chance of any false alarm is at most
   * {@code alpha} (family-wise error rate).
   */
  BONFERRONI,
  /**
   * Benjamini-Hochberg (1995) step-up: with sorted p-values {@code p_(1) <= ... <= p_(m)}, rejects
   * the {@code k} smallest where {@code k} is the largest with {@code p_(k) <= k alpha / m}; the
   * expected share of false alarms among alarms is at most {@code alpha} (false discovery rate,
   * for independent or positively dependent tests).
   */
  BENJAMINI_HOCHBERG;

  /**
   * The p-value threshold each test is held to: a test rejects when its p-value is at most this.
   *
   * @param pValues the p-values of all tests, each in {@code [0, 1]}
   * @param alpha the level, in {@code (0, 1)}
   * @return the threshold; for Benjamini-Hochberg with no rejection {@code alpha / m}, which then
   *     lies below every p-value
   * @throws IllegalArgumentException if a value is out of range
   */
  public double threshold(double[] pValues, double alpha) {
    Objects.requireNonNull(pValues, "pValues");
    Checks.open01(alpha, "alpha");
    for (int i = 0; i < pValues.length; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new IllegalArgumentException(
            "pValues must be between 0 and 1 but pValues[" + i + "] was " + pValues[i]);
      }
    }
    int m = pValues.length;
    switch (this) {
      case NONE:
        return alpha;
      case BONFERRONI:
        return m == 0 ? alpha : alpha / m;
      default:
        double[] sorted = pValues.clone();
        Arrays.sort(sorted);
        for (int k = m; k >= 1; k--) {
          double cut = k * alpha / m;
          if (sorted[k - 1] <= cut) {
            return cut;
          }
        }
        return m == 0 ? alpha : alpha / m;
    }
  }

  /**
   * Which tests reject their null hypothesis (which features drifted).
   *
   * @param pValues the p-values, each in {@code [0, 1]}
   * @param alpha the level, in {@code (0, 1)}
   * @return one decision per p-value, in order
   * @throws IllegalArgumentException if a value is out of range
   */
  public boolean[] reject(double[] pValues, double alpha) {
    double cut = threshold(pValues, alpha);
    boolean[] out = new boolean[pValues.length];
    for (int i = 0; i < pValues.length; i++) {
      out[i] = pValues[i] <= cut;
    }
    return out;
  }
}
