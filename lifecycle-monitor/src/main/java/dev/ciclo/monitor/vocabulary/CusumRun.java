package dev.ciclo.monitor.vocabulary;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * The effect of one time-ordered run of tokens on {@link VocabularyDrift}'s Bernoulli CUSUM, as a
 * function of the statistic before the run: applied in time order, runs give the statistic and
 * the alarms of one tracker reading every token in order.
 *
 * <p>The CUSUM maps the statistic {@code s} before a run to the statistic after it and to whether
 * it alarmed on the way ({@code s -> max(0, s + x)} per token, an alarm and a restart at 0 when
 * it reaches the threshold {@code h}). Without an alarm that map is {@code s -> max(floor, s +
 * shift)}, where {@code floor} is the statistic of a run started at 0 and {@code shift} the sum of
 * the tokens' log-likelihood ratios; the starting values that alarm are {@code [cut, h)} (a higher
 * start never alarms later), and for them the end value only depends on the token at which they
 * first alarmed, after which they all run on from 0: a few intervals of starting values, each
 * with its own run from 0. This class keeps exactly that, so the result equals reading the tokens
 * one by one up to floating-point rounding of the summed shift (about 1e-12, far below any
 * threshold's scale).
 */
final class CusumRun implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The time of the run's first text, epoch milliseconds: the order runs apply in. */
  final long firstMillis;
  private final double h;
  private double floor;
  private double shift;
  private double cut;
  /** Starting values {@code [from, previous from)} alarmed and restarted: {from, run index}. */
  private final ArrayList<double[]> groups = new ArrayList<>();
  /** The statistic of each run restarted at 0 after an alarm. */
  private final ArrayList<Double> runs = new ArrayList<>();

  CusumRun(long firstMillis, double threshold) {
    this.firstMillis = firstMillis;
    this.h = threshold;
    this.cut = threshold;
  }

  /** A copy that later tokens of this run do not change. */
  CusumRun copy() {
    CusumRun c = new CusumRun(firstMillis, h);
    c.floor = floor;
    c.shift = shift;
    c.cut = cut;
    c.groups.addAll(groups); // the arrays are never changed once added
    c.runs.addAll(runs);
    return c;
  }

  /** One token's log-likelihood ratio, in the run's order. */
  void token(double llr) {
    for (int i = 0; i < runs.size(); i++) {
      double v = Math.max(0, runs.get(i) + llr);
      runs.set(i, v >= h ? 0 : v);
    }
    floor = Math.max(0, floor + llr);
    shift += llr;
    double newCut = floor >= h ? 0 : Math.min(cut, Math.max(0, h - shift));
    if (newCut < cut) {
      int run = runs.indexOf(0.0);
      if (run < 0) {
        runs.add(0.0);
        run = runs.size() - 1;
      }
      groups.add(new double[] {newCut, run});
      cut = newCut;
    }
  }

  /**
   * The statistic after this run and whether it alarmed, from the statistic before it.
   *
   * @param s the statistic before, in {@code [0, h)}
   * @return {statistic after, 1 if alarmed else 0}
   */
  double[] apply(double s) {
    if (s < cut) {
      return new double[] {Math.max(floor, s + shift), 0};
    }
    for (int i = groups.size() - 1; i >= 0; i--) {
      double[] g = groups.get(i);
      if (s >= g[0] && (i == 0 || s < groups.get(i - 1)[0])) {
        return new double[] {runs.get((int) g[1]), 1};
      }
    }
    throw new IllegalStateException("no interval holds " + s); // cannot happen: s < h
  }
}
