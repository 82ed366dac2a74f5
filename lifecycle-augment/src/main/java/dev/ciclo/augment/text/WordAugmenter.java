package dev.ciclo.augment.text;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A text augmenter that works on the words of its input and spares a protected vocabulary
 * ({@link CharacterTypos}, {@link WordDropout}, {@link WordSwap}): the checks, the split into
 * words and the record are here, what each does to the words is in {@link #augment}.
 */
abstract class WordAugmenter implements Augmenter<String> {
  private final String name;
  private final Set<String> vocab;

  /**
   * @param name the transform's name in records
   * @param vocab the protected words, lower-cased (from {@link Words#protect})
   */
  WordAugmenter(String name, Set<String> vocab) {
    this.name = name;
    this.vocab = vocab;
  }

  /**
   * Augments one text.
   *
   * @param input the text as given
   * @param words its words, a list this method may change
   * @param random the stream to draw from
   * @return the augmented text and its record, made with {@link #result}
   */
  abstract Augmented<String> augment(String input, List<String> words, RandomGenerator random);

  @Override
  public final Augmented<String> apply(String input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    return augment(input, Words.split(input), random);
  }

  /** Whether a word is in the protected vocabulary (case-insensitively). */
  final boolean isProtected(String word) {
    return Words.isProtected(vocab, word);
  }

  /** A text with the record of this transform and its parameters. */
  final Augmented<String> result(String text, Map<String, Object> parameters) {
    return new Augmented<>(text, AugmentationRecord.of(new AppliedTransform(name, parameters)));
  }

  /** How many words are protected, for {@code toString}. */
  final int protectedCount() {
    return vocab.size();
  }
}
