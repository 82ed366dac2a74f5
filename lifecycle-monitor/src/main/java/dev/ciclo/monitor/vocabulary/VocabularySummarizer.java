package dev.ciclo.monitor.vocabulary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Fills {@link VocabularySummary summaries} of texts for one {@link VocabularyDrift} tracker,
 * where the tracker is not (a Spark executor): it holds the tracker's vocabulary, tokenizer and
 * settings, and applies them exactly as the tracker does to the texts it reads. Get it from
 * {@link VocabularyDrift#summarizer()} (or a {@code LogMonitor}'s {@code summarizer(field)}).
 *
 * <p>Serializable, to be shipped once to each node (the vocabulary travels with it, not with the
 * summaries); immutable and thread-safe.
 */
public final class VocabularySummarizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Set<String> vocabulary;
  private final Function<String, List<String>> tokenizer;
  private final double llrOov;
  private final double llrKnown;
  private final double threshold;
  private final int counters;
  private final int maxDistinct;
  private final long settings;

  VocabularySummarizer(Set<String> vocabulary, Function<String, List<String>> tokenizer,
      double llrOov, double llrKnown, double threshold, int counters, int maxDistinct,
      long settings) {
    this.vocabulary = vocabulary;
    this.tokenizer = tokenizer;
    this.llrOov = llrOov;
    this.llrKnown = llrKnown;
    this.threshold = threshold;
    this.counters = counters;
    this.maxDistinct = maxDistinct;
    this.settings = settings;
  }

  /**
   * Adds one text to a summary: counted as the tracker counts it, and its tokens appended to the
   * summary's run of the sequential test, which takes them in the order they are added (the
   * first text's time orders the run among merged summaries: see {@link VocabularySummary}). Add
   * each summary's texts in time order.
   *
   * @param into the summary, empty or filled by this tracker's summarizer
   * @param text the text, not null (an empty text counts as a text with no token)
   * @param time the text's time
   * @throws IllegalArgumentException if the summary was filled for a tracker with other settings
   */
  public void add(VocabularySummary into, String text, Instant time) {
    add(into, text, time.toEpochMilli());
  }

  /**
   * Same as {@link #add(VocabularySummary, String, Instant)} with the time in epoch milliseconds
   * (as engines hold it).
   *
   * @param into the summary
   * @param text the text, not null
   * @param epochMillis the text's time
   * @throws IllegalArgumentException if the summary was filled for a tracker with other settings
   */
  public void add(VocabularySummary into, String text, long epochMillis) {
    Objects.requireNonNull(into, "into");
    Objects.requireNonNull(text, "text");
    into.adopt(settings, counters, maxDistinct);
    into.text();
    CusumRun run = into.run(epochMillis, threshold);
    for (String t : tokenizer.apply(text)) {
      boolean known = vocabulary.contains(t);
      into.token(t, known);
      run.token(known ? llrKnown : llrOov);
    }
  }

  /** The settings' fingerprint, which summaries carry. */
  long settings() {
    return settings;
  }

  int counters() {
    return counters;
  }

  int maxDistinct() {
    return maxDistinct;
  }

  Function<String, List<String>> tokenizer() {
    return tokenizer;
  }

  boolean known(String term) {
    return vocabulary.contains(term);
  }

  double llr(boolean known) {
    return known ? llrKnown : llrOov;
  }
}
