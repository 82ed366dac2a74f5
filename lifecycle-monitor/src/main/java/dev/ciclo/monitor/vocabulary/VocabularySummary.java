package dev.ciclo.monitor.vocabulary;

import dev.ciclo.monitor.sketch.HeavyHitters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One window's texts of a text field in summary form, for a {@link VocabularyDrift} tracker
 * that does not read them itself: an engine such as Spark fills one per partition with the
 * tracker's {@link VocabularySummarizer}, merges them, and hands the result to the tracker
 * ({@link VocabularyDrift#add(VocabularySummary)}, or a {@code LogMonitor}'s {@code closeWindow}
 * through its {@code WindowSketches}), which reports the window as if it had read the texts.
 *
 * <p>It holds what the tracker's window reports: the counts of texts, tokens and
 * out-of-vocabulary tokens, the distinct terms (up to the tracker's limit of 100,000) and which
 * of them are new, the Space-Saving counters of out-of-vocabulary terms; and, for the sequential
 * test, the effect of each run of texts on its statistic. Counts merge in any order. The
 * sequential test depends on the order of the tokens: the texts added to one summary form one
 * run, in the order they are added; merging keeps each summary's run, and the tracker applies
 * the runs in the order of their first text's time. So memory grows with the summaries merged
 * (a few numbers each), never with the texts.
 *
 * <p><b>Same windows.</b> When each summary's texts were added in time order and the summaries
 * merged cover disjoint time spans (a frame range-partitioned by time and sorted within each
 * partition), the tracker's window equals the one it reports after reading the same texts in
 * time order (for one summary filled in a log's order: reading them in that order): the counts, the rate and its interval exactly; the statistic up to floating-point
 * rounding (about 1e-12), so the alarm exactly unless the statistic passes within that of the
 * threshold; the distinct terms while the window has at most 100,000; the emerging terms exactly
 * while the window has at most as many distinct out-of-vocabulary terms as the tracker has
 * counters ({@code max(10 * topTerms, 100)}), past that the merged Space-Saving estimates, each
 * count at most its stated error above the true count. Texts with the same time are taken in the
 * order they were added, which may differ from a log's order.
 *
 * <p>Serializable (Java serialization, plain fields: the vocabulary and the tokenizer stay in the
 * summarizer) so that engines ship it between nodes; not a storage format. Memory: the distinct
 * terms, the counters, and a few numbers per run. Not thread-safe.
 */
public final class VocabularySummary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The settings of the tracker whose summarizer filled it; 0 while empty. */
  private long settings;
  private int counters;
  private int maxDistinct;
  private long texts;
  private long tokens;
  private long oov;
  private final HashMap<String, Boolean> distinct = new HashMap<>();
  private long distinctNew;
  private HeavyHitters emerging;
  private final ArrayList<CusumRun> runs = new ArrayList<>();
  /** The run texts added to this summary continue, if any. */
  private CusumRun open;

  private VocabularySummary() {}

  /**
   * An empty summary: it merges into any summary as nothing, and takes the settings of the first
   * summarizer that fills it.
   *
   * @return a new, empty summary
   */
  public static VocabularySummary create() {
    return new VocabularySummary();
  }

  /**
   * Adds another summary (of the same tracker's texts) to this one; the other is unchanged.
   *
   * @param other the other summary
   * @throws IllegalArgumentException if both were filled by summarizers of trackers with
   *     different settings
   */
  public void merge(VocabularySummary other) {
    if (other.settings == 0) {
      return;
    }
    adopt(other.settings, other.counters, other.maxDistinct);
    texts += other.texts;
    tokens += other.tokens;
    oov += other.oov;
    for (Map.Entry<String, Boolean> e : other.distinct.entrySet()) {
      if (distinct.size() >= maxDistinct) {
        break;
      }
      if (distinct.putIfAbsent(e.getKey(), e.getValue()) == null && e.getValue()) {
        distinctNew++;
      }
    }
    emerging.merge(other.emerging);
    for (CusumRun r : other.runs) {
      runs.add(r.copy());
    }
  }

  /**
   * How many texts were added.
   *
   * @return the count
   */
  public long texts() {
    return texts;
  }

  /**
   * How many tokens the texts held.
   *
   * @return the count
   */
  public long tokens() {
    return tokens;
  }

  /**
   * How many of the tokens were out of the vocabulary.
   *
   * @return the count
   */
  public long oovTokens() {
    return oov;
  }

  @Override
  public String toString() {
    return "VocabularySummary[texts=" + texts + ", tokens=" + tokens + ", oovTokens=" + oov
        + ", distinctTerms=" + distinct.size() + ", runs=" + runs.size() + "]";
  }

  // ---- package-private: filled by a summarizer or a tracker, read by a tracker ----

  /** Takes the settings of a summarizer, or checks that they are those already taken. */
  void adopt(long fingerprint, int counterCount, int distinctLimit) {
    if (settings == 0) {
      settings = fingerprint;
      counters = counterCount;
      maxDistinct = distinctLimit;
      emerging = HeavyHitters.create(counterCount);
    } else if (settings != fingerprint) {
      throw otherSettings();
    }
  }

  static IllegalArgumentException otherSettings() {
    return new IllegalArgumentException("summary must come from this tracker's summarizer, but"
        + " it was filled by that of a tracker with other settings (vocabulary, rates,"
        + " threshold or counters)");
  }

  long settings() {
    return settings;
  }

  /** Counts one text. */
  void text() {
    texts++;
  }

  /** Counts one token. */
  void token(String term, boolean known) {
    tokens++;
    if (!known) {
      oov++;
      emerging.add(term);
    }
    if (distinct.size() < maxDistinct && distinct.putIfAbsent(term, !known) == null && !known) {
      distinctNew++;
    }
  }

  /** The run texts added to this summary continue (started by the first, at its time). */
  CusumRun run(long millis, double threshold) {
    if (open == null) {
      open = new CusumRun(millis, threshold);
      runs.add(open);
    }
    return open;
  }

  /** The runs in the order they apply: by their first text's time, then as merged. */
  List<CusumRun> orderedRuns() {
    List<CusumRun> out = new ArrayList<>(runs);
    out.sort(Comparator.comparingLong(r -> r.firstMillis));
    return out;
  }

  long distinctTerms() {
    return distinct.size();
  }

  long distinctNew() {
    return distinctNew;
  }

  List<HeavyHitters.Entry> top(int n) {
    return emerging == null ? List.of() : emerging.top(n);
  }
}
