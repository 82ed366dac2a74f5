package dev.ciclo.augment.text;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Swaps adjacent words: a number of swaps (default 1), each of a pair drawn uniformly among the
 * adjacent pairs where neither word is protected (so protected words never move). With no such
 * pair nothing changes.
 *
 * <p>Draws: one {@code nextInt} per swap when there is a pair. The record, named {@value #NAME},
 * carries {@code swaps} (done). Immutable and thread-safe.
 */
public final class WordSwap extends WordAugmenter {
  /** The transform's name in records. */
  public static final String NAME = "word-swap";

  private final int swaps;

  private WordSwap(int swaps, Set<String> vocab) {
    super(NAME, vocab);
    this.swaps = swaps;
  }

  /**
   * A number of adjacent swaps, sparing a vocabulary.
   *
   * @param swaps from 0 to 100
   * @param protectedWords words never moved (case-insensitive)
   * @return the augmenter
   * @throws IllegalArgumentException if {@code swaps} is out of range
   */
  public static WordSwap of(int swaps, Set<String> protectedWords) {
    return new WordSwap(Checks.between(swaps, 0, 100, "swaps"), Words.protect(protectedWords));
  }

  /**
   * One swap, nothing protected.
   *
   * @return the augmenter
   */
  public static WordSwap defaults() {
    return of(1, Set.of());
  }

  @Override
  Augmented<String> augment(String input, List<String> words, RandomGenerator random) {
    List<Integer> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < words.size(); i++) {
      if (!isProtected(words.get(i)) && !isProtected(words.get(i + 1))) {
        pairs.add(i);
      }
    }
    int done = 0;
    for (int s = 0; s < swaps && !pairs.isEmpty(); s++) {
      int i = pairs.get(random.nextInt(pairs.size()));
      String t = words.get(i);
      words.set(i, words.get(i + 1));
      words.set(i + 1, t);
      done++;
    }
    return result(String.join(" ", words), Map.of("swaps", done));
  }

  @Override
  public String toString() {
    return "WordSwap[" + swaps + " swaps, " + protectedCount() + " protected words]";
  }
}
