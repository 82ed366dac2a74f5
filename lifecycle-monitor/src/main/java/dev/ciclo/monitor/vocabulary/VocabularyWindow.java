package dev.ciclo.monitor.vocabulary;

import dev.ciclo.monitor.sketch.HeavyHitters;
import java.util.List;

/**
 * What one window of text showed about the vocabulary.
 *
 * @param texts how many texts the window held
 * @param tokens how many tokens
 * @param oovTokens how many tokens were not in the training vocabulary
 * @param oovRate {@code oovTokens / tokens}, 0 for an empty window
 * @param oovLow the lower end of the Wilson confidence interval of the rate
 * @param oovHigh the upper end
 * @param distinctTerms how many different terms the window held (counted up to a limit)
 * @param newTermShare the share of those terms not in the training vocabulary
 * @param emerging the most frequent out-of-vocabulary terms, most frequent first
 * @param sequentialStatistic the sequential test's statistic at the end of the window
 * @param alarmed whether the sequential test alarmed during the window
 */
public record VocabularyWindow(
    long texts,
    long tokens,
    long oovTokens,
    double oovRate,
    double oovLow,
    double oovHigh,
    long distinctTerms,
    double newTermShare,
    List<HeavyHitters.Entry> emerging,
    double sequentialStatistic,
    boolean alarmed) {
  /**
   * Copies the list.
   *
   * @throws NullPointerException if the list is null
   */
  public VocabularyWindow {
    emerging = List.copyOf(emerging);
  }
}
