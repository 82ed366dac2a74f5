package dev.ciclo.monitor.vocabulary;

import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Tracks how much of the incoming text the training vocabulary covers.
 *
 * <p>For each window of texts it reports the out-of-vocabulary (OOV) token rate with a Wilson
 * score interval, the share of distinct new terms, and the most frequent OOV terms (Space-Saving
 * heavy hitters, bounded memory). Across windows, a Bernoulli CUSUM (Page 1954; the sequential
 * probability ratio form) runs over every token: with baseline rate {@code p0} and the smallest
 * rate worth an alarm {@code p1}, it adds {@code ln(p1/p0)} for an OOV token and
 * {@code ln((1-p1)/(1-p0))} for a known one, floors at 0, and alarms at {@code threshold}; the
 * in-control run between false alarms is at least about {@code e^threshold} tokens (Wald). After
 * an alarm it starts again.
 *
 * <p>Defaults: tokens are lower-cased runs of letters, digits and apostrophes; baseline rate
 * {@code p0 = 0.01} (measure yours on held-out training text); {@code p1 = max(2 p0, p0 + 0.01)};
 * {@code threshold = 20}; 95% intervals; 20 emerging terms from 200 counters; distinct terms
 * counted up to 100,000 per window.
 *
 * <p><b>Texts read elsewhere.</b> Where the texts are read on other nodes (Spark), {@link
 * #summarizer()} fills mergeable {@link VocabularySummary summaries} with this tracker's
 * vocabulary, tokenizer and settings, and {@link #add(VocabularySummary)} takes them back into
 * the current window: the same counts, interval and alarms as reading the texts here (see {@link
 * VocabularySummary} for what is exact).
 *
 * <p>Not thread-safe.
 */
public final class VocabularyDrift {
  // No random generator: only quantiles are asked of it, never samples.
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");

  private final Function<String, List<String>> tokenizer;
  private final double p0;
  private final double p1;
  private final double threshold;
  private final double z;
  private final int topTerms;
  private final VocabularySummarizer summarizer;

  private double cusum;
  private boolean alarmed;
  /** The current window's counts (its runs stay empty: the statistic is updated directly). */
  private VocabularySummary window;

  private VocabularyDrift(Builder b) {
    Set<String> vocabulary = Set.copyOf(b.vocabulary);
    this.tokenizer = b.tokenizer;
    this.p0 = b.p0;
    this.p1 = Double.isNaN(b.p1) ? Math.min(Math.max(2 * b.p0, b.p0 + 0.01), 0.99) : b.p1;
    if (!(p1 > p0 && p1 < 1)) {
      throw new IllegalArgumentException(
          "alarmRate must be between baselineRate (" + p0 + ") and 1 but was " + p1);
    }
    this.threshold = b.threshold;
    this.z = STANDARD_NORMAL.inverseCumulativeProbability(0.5 + b.confidence / 2);
    this.topTerms = b.topTerms;
    int counters = Math.max(10 * b.topTerms, 100);
    long settings = Objects.hash(vocabulary, p0, p1, threshold, counters, b.maxDistinct);
    this.summarizer = new VocabularySummarizer(vocabulary, tokenizer, Math.log(p1 / p0),
        Math.log((1 - p1) / (1 - p0)), threshold, counters, b.maxDistinct,
        settings == 0 ? 1 : settings);
    this.window = emptyWindow();
  }

  private VocabularySummary emptyWindow() {
    VocabularySummary w = VocabularySummary.create();
    w.adopt(summarizer.settings(), summarizer.counters(), summarizer.maxDistinct());
    return w;
  }

  /**
   * A builder for the given training vocabulary.
   *
   * @param vocabulary the terms the model was trained on, as the tokenizer produces them
   * @return a new builder
   */
  public static Builder builder(Set<String> vocabulary) {
    return new Builder(vocabulary);
  }

  /**
   * The default tokenizer: lower-cased (root locale) runs of letters, digits and apostrophes.
   *
   * @param text the text
   * @return the tokens
   */
  public static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    for (String t : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Adds one text (a transcript, a query) to the current window.
   *
   * @param text the text, not null
   */
  public void add(String text) {
    Objects.requireNonNull(text, "text");
    window.text();
    for (String t : tokenizer.apply(text)) {
      boolean known = summarizer.known(t);
      window.token(t, known);
      cusum = Math.max(0, cusum + summarizer.llr(known));
      if (cusum >= threshold) {
        alarmed = true;
        cusum = 0;
      }
    }
  }

  /**
   * Adds texts summarised elsewhere (filled by this tracker's {@link #summarizer()}, possibly on
   * many nodes, and merged) to the current window: their counts join the window's, and the
   * sequential test runs over their tokens, run by run in time order, as if the texts had been
   * added one by one (see {@link VocabularySummary} for what is exact). The summary is unchanged.
   *
   * @param summary the summary
   * @throws IllegalArgumentException if it was filled by the summarizer of a tracker with other
   *     settings
   */
  public void add(VocabularySummary summary) {
    Objects.requireNonNull(summary, "summary");
    if (summary.settings() != 0 && summary.settings() != summarizer.settings()) {
      throw VocabularySummary.otherSettings();
    }
    for (CusumRun r : summary.orderedRuns()) {
      double[] after = r.apply(cusum);
      cusum = after[0];
      alarmed |= after[1] > 0;
    }
    window.merge(summary);
  }

  /**
   * A summarizer that fills {@link VocabularySummary summaries} of texts exactly as this tracker
   * reads them, for texts read elsewhere (Spark executors); hand the merged summaries to {@link
   * #add(VocabularySummary)}.
   *
   * @return the summarizer (serializable)
   * @throws IllegalStateException if the tokenizer is not {@link java.io.Serializable} (give the
   *     builder one, for example a lambda cast to {@code Function<String, List<String>> &
   *     Serializable})
   */
  public VocabularySummarizer summarizer() {
    if (!(tokenizer instanceof java.io.Serializable)) {
      throw new IllegalStateException("tokenizer must be Serializable to summarise texts on other"
          + " nodes but was " + tokenizer.getClass().getName());
    }
    return summarizer;
  }

  /**
   * Ends the current window: reports it and starts a new one (the sequential test carries on).
   *
   * @return the window's summary
   */
  public VocabularyWindow closeWindow() {
    long tokens = window.tokens();
    double rate = tokens == 0 ? 0 : (double) window.oovTokens() / tokens;
    double lo = 0;
    double hi = 1;
    if (tokens > 0) {
      double n = tokens;
      double z2 = z * z;
      double center = (rate + z2 / (2 * n)) / (1 + z2 / n);
      double half = z * Math.sqrt(rate * (1 - rate) / n + z2 / (4 * n * n)) / (1 + z2 / n);
      lo = Math.max(0, center - half);
      hi = Math.min(1, center + half);
    }
    long distinct = window.distinctTerms();
    VocabularyWindow w = new VocabularyWindow(window.texts(), tokens, window.oovTokens(), rate,
        lo, hi, distinct, distinct == 0 ? 0 : (double) window.distinctNew() / distinct,
        window.top(topTerms), cusum, alarmed);
    window = emptyWindow();
    alarmed = false;
    return w;
  }

  /**
   * The sequential test's statistic as it stands between windows: what the next window starts
   * from. A monitor that restarts (a process killed and resumed from saved state) saves it with
   * each closed window and hands it back to a new tracker with {@link #resumeStatistic(double)},
   * so the windows after the restart test as an uninterrupted run would. {@link
   * Double#toString(double)} keeps it exactly.
   *
   * @return the statistic, in {@code [0, threshold)}
   */
  public double statistic() {
    return cusum;
  }

  /**
   * Sets the sequential test's statistic to one saved from {@link #statistic()} (of a tracker
   * with the same settings, between windows); the current window's counts are unchanged.
   *
   * @param value the saved statistic
   * @throws IllegalArgumentException if it is not in {@code [0, threshold)}
   */
  public void resumeStatistic(double value) {
    if (!(value >= 0 && value < threshold)) {
      throw new IllegalArgumentException("statistic must be in [0, " + threshold + ") but was "
          + value);
    }
    cusum = value;
  }

  /**
   * The baseline OOV rate the sequential test assumes.
   *
   * @return {@code p0}
   */
  public double baselineRate() {
    return p0;
  }

  /**
   * The OOV rate the sequential test is tuned to detect.
   *
   * @return {@code p1}
   */
  public double alarmRate() {
    return p1;
  }

  /** {@link #tokenize}, serializable so that summarizers can travel. */
  private enum DefaultTokenizer implements Function<String, List<String>> {
    INSTANCE;

    @Override
    public List<String> apply(String text) {
      return tokenize(text);
    }
  }

  /** Settings of a {@link VocabularyDrift}; each setter checks its value at once. */
  public static final class Builder {
    private final Set<String> vocabulary;
    private Function<String, List<String>> tokenizer = DefaultTokenizer.INSTANCE;
    private double p0 = 0.01;
    private double p1 = Double.NaN;
    private double threshold = 20;
    private double confidence = 0.95;
    private int topTerms = 20;
    private int maxDistinct = 100_000;

    private Builder(Set<String> vocabulary) {
      this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /**
     * How texts become terms; default {@link VocabularyDrift#tokenize}. Use the tokenizer the
     * vocabulary was built with; make it {@link java.io.Serializable} if texts are summarised on
     * other nodes ({@link VocabularyDrift#summarizer()}).
     *
     * @param value the tokenizer
     * @return this builder
     */
    public Builder tokenizer(Function<String, List<String>> value) {
      this.tokenizer = Objects.requireNonNull(value, "tokenizer");
      return this;
    }

    /**
     * The OOV rate expected when nothing changed (measure it on held-out training text);
     * default 0.01.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder baselineRate(double value) {
      this.p0 = Checks.open01(value, "baselineRate");
      return this;
    }

    /**
     * The smallest OOV rate worth an alarm; default {@code max(2 p0, p0 + 0.01)}.
     *
     * @param value in {@code (baselineRate, 1)}
     * @return this builder
     * @throws IllegalArgumentException if outside {@code (0, 1)} (checked against the baseline
     *     when built)
     */
    public Builder alarmRate(double value) {
      this.p1 = Checks.open01(value, "alarmRate");
      return this;
    }

    /**
     * The sequential test's threshold; default 20.
     *
     * @param value positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder threshold(double value) {
      this.threshold = Checks.positive(value, "threshold");
      return this;
    }

    /**
     * The confidence of the interval; default 0.95.
     *
     * @param value in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder confidence(double value) {
      this.confidence = Checks.open01(value, "confidence");
      return this;
    }

    /**
     * How many emerging terms to report; default 20.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder topTerms(int value) {
      this.topTerms = Checks.atLeast(value, 1, "topTerms");
      return this;
    }

    /**
     * Makes the tracker.
     *
     * @return a new tracker
     * @throws IllegalArgumentException if the alarm rate is not above the baseline rate
     */
    public VocabularyDrift build() {
      return new VocabularyDrift(this);
    }
  }
}
