package dev.ciclo.augment.text;

import dev.ciclo.api.augment.Augmented;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Keyboard typos: each word of at least two characters that is not protected gets, with a
 * probability (default 0.1), one typo of a kind drawn uniformly: two adjacent characters swapped,
 * one character deleted, one replaced by a QWERTY neighbour, or a QWERTY neighbour inserted.
 *
 * <p>Draws per eligible word: one {@code nextDouble()}; if it fires, the kind and the position
 * (and the neighbour). The record, named {@value #NAME}, carries {@code probability} and {@code
 * typos} (how many words were changed). Immutable and thread-safe.
 */
public final class CharacterTypos extends WordAugmenter {
  /** The transform's name in records. */
  public static final String NAME = "char-typos";

  private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

  private final double p;

  private CharacterTypos(double p, Set<String> vocab) {
    super(NAME, vocab);
    this.p = p;
  }

  /**
   * Typos at a per-word probability, sparing a vocabulary.
   *
   * @param probability per eligible word, from 0 to 1
   * @param protectedWords words never changed (case-insensitive)
   * @return the augmenter
   * @throws IllegalArgumentException if the probability is out of range
   */
  public static CharacterTypos of(double probability, Set<String> protectedWords) {
    return new CharacterTypos(Words.probability(probability), Words.protect(protectedWords));
  }

  /**
   * Typos in one word in ten, nothing protected.
   *
   * @return the augmenter
   */
  public static CharacterTypos defaults() {
    return of(0.1, Set.of());
  }

  @Override
  Augmented<String> augment(String input, List<String> words, RandomGenerator random) {
    int typos = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.length() < 2 || isProtected(w) || random.nextDouble() >= p) {
        continue;
      }
      words.set(i, typo(w, random));
      typos++;
    }
    return result(String.join(" ", words), Map.of("probability", p, "typos", typos));
  }

  private static String typo(String w, RandomGenerator r) {
    StringBuilder sb = new StringBuilder(w);
    int kind = r.nextInt(4);
    switch (kind) {
      case 0 -> {
        int i = r.nextInt(w.length() - 1);
        sb.setCharAt(i, w.charAt(i + 1));
        sb.setCharAt(i + 1, w.charAt(i));
      }
      case 1 -> sb.deleteCharAt(r.nextInt(w.length()));
      case 2 -> {
        int i = r.nextInt(w.length());
        sb.setCharAt(i, neighbour(w.charAt(i), r));
      }
      default -> {
        int i = r.nextInt(w.length() + 1);
        sb.insert(i, neighbour(w.charAt(Math.min(i, w.length() - 1)), r));
      }
    }
    return sb.toString();
  }

  static char neighbour(char c, RandomGenerator r) {
    char lower = Character.toLowerCase(c);
    for (int row = 0; row < ROWS.length; row++) {
      int col = ROWS[row].indexOf(lower);
      if (col >= 0) {
        StringBuilder cands = new StringBuilder();
        for (int dr = -1; dr <= 1; dr++) {
          int rr = row + dr;
          if (rr < 0 || rr >= ROWS.length) {
            continue;
          }
          for (int dc = -1; dc <= 1; dc++) {
            int cc = col + dc;
            if ((dr != 0 || dc != 0) && cc >= 0 && cc < ROWS[rr].length()) {
              cands.append(ROWS[rr].charAt(cc));
            }
          }
        }
        char n = cands.charAt(r.nextInt(cands.length()));
        return Character.isUpperCase(c) ? Character.toUpperCase(n) : n;
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return "CharacterTypos[p=" + p + ", " + protectedCount() + " protected words]";
  }
}
