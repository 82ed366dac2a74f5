package dev.ciclo.spark;

import dev.ciclo.monitor.sketch.HeavyHitters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary summary of one time-ordered run of texts (a window's texts in one Spark
 * partition): the counts {@code VocabularyDrift} reports, which merge in any order, and the
 * effect of the run on its sequential test, which composes in time order.
 *
 * <p><b>The sequential test as a function.</b> {@code VocabularyDrift}'s Bernoulli CUSUM maps the
 * statistic {@code s} before a run of tokens to the statistic after it and to whether it alarmed
 * on the way ({@code s -> max(0, s + x)} per token, an alarm and a restart at 0 when it reaches
 * the threshold {@code h}). Without an alarm that map is {@code s -> max(floor, s + shift)}; the
 * starting values that alarm are {@code [cut, h)} (a higher start never alarms later), and for
 * them the end value only depends on the token at which they first alarmed, after which they all
 * run on from 0: a few intervals of starting values, each with its own run from 0. This summary
 * keeps exactly that, so the statistic and the alarms over many runs are those of one tracker
 * reading every token in order (up to floating-point rounding of the summed shift, far below any
 * threshold's scale).
 */
final class VocabularySegment implements Serializable {
  private static final long serialVersionUID = 1L;

  final long window;
  final int part;
  long texts;
  long tokens;
  long oov;
  /** Distinct terms (up to the cap) and whether each is out of the vocabulary. */
  final HashMap<String, Boolean> distinct = new HashMap<>();
  /** Space-Saving counters of out-of-vocabulary terms, as the monitor keeps them. */
  final HeavyHitters emerging;

  private final double h;
  private double floor;
  private double shift;
  private double cut;
  /** Starting values {@code [from[i], from[i-1])} alarmed and restarted; their run's index. */
  private final ArrayList<double[]> groups = new ArrayList<>();
  private final ArrayList<Double> runs = new ArrayList<>();

  VocabularySegment(long window, int part, double threshold, int counters) {
    this.emerging = HeavyHitters.create(counters);
    this.window = window;
    this.part = part;
    this.h = threshold;
    this.cut = threshold;
  }

  /** One token, in time order. */
  void token(String term, boolean known, double llr, int maxDistinct) {
    tokens++;
    if (!known) {
      oov++;
      emerging.add(term);
    }
    if (distinct.size() < maxDistinct && !distinct.containsKey(term)) {
      distinct.put(term, !known);
    }
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

  /** Adds another run's counts (the sequential part is not merged: it is applied in order). */
  void mergeCounts(VocabularySegment o, int maxDistinct) {
    texts += o.texts;
    tokens += o.tokens;
    oov += o.oov;
    for (Map.Entry<String, Boolean> e : o.distinct.entrySet()) {
      if (distinct.size() >= maxDistinct) {
        break;
      }
      distinct.putIfAbsent(e.getKey(), e.getValue());
    }
    emerging.merge(o.emerging);
  }

  long newTerms() {
    return distinct.values().stream().filter(b -> b).count();
  }

  List<HeavyHitters.Entry> top(int n) {
    return emerging.top(n);
  }

  Set<String> terms() {
    return new HashSet<>(distinct.keySet());
  }
}
