package dev.ciclo.augment.text;

import dev.ciclo.api.augment.Augmented;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Drops each word that is not protected with a probability (default 0.1). Never returns an empty
 * text: if every word would be dropped, the input is returned unchanged and the record says
 * {@code skipped = "would drop every word"}.
 *
 * <p>Draws: one {@code nextDouble()} per unprotected word. The record, named {@value #NAME},
 * carries {@code probability} and {@code dropped}. Immutable and thread-safe.
 */
public final class WordDropout extends WordAugmenter {
  /** The transform's name in records. */
  public static final String NAME = "word-dropout";

  private final double p;

  private WordDropout(double p, Set<String> vocab) {
    super(NAME, vocab);
    this.p = p;
  }

  /**
   * Dropout at a per-word probability, sparing a vocabulary.
   *
   * @param probability per unprotected word, from 0 to 1
   * @param protectedWords words never dropped (case-insensitive)
   * @return the augmenter
   * @throws IllegalArgumentException if the probability is out of range
   */
  public static WordDropout of(double probability, Set<String> protectedWords) {
    return new WordDropout(Words.probability(probability), Words.protect(protectedWords));
  }

  /**
   * Dropout of one word in ten, nothing protected.
   *
   * @return the augmenter
   */
  public static WordDropout defaults() {
    return of(0.1, Set.of());
  }

  @Override
  Augmented<String> augment(String input, List<String> words, RandomGenerator random) {
    List<String> kept = new ArrayList<>();
    int dropped = 0;
    for (String w : words) {
      if (!isProtected(w) && random.nextDouble() < p) {
        dropped++;
      } else {
        kept.add(w);
      }
    }
    if (kept.isEmpty() && !words.isEmpty()) {
      return result(input,
          Map.of("probability", p, "dropped", 0, "skipped", "would drop every word"));
    }
    return result(String.join(" ", kept), Map.of("probability", p, "dropped", dropped));
  }

  @Override
  public String toString() {
    return "WordDropout[p=" + p + ", " + protectedCount() + " protected words]";
  }
}
