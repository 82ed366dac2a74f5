package dev.ciclo.augment.text;

import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Tokenisation and the protected vocabulary shared by the text augmenters. */
final class Words {
  private Words() {}

  static List<String> split(String text) {
    String t = text.strip();
    return t.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(t.split("\\s+")));
  }

  static Set<String> protect(Set<String> words) {
    Objects.requireNonNull(words, "protectedWords");
    return words.stream().map(w -> Objects.requireNonNull(w, "protected word")
        .toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  static boolean isProtected(Set<String> vocab, String word) {
    return vocab.contains(word.toLowerCase(Locale.ROOT));
  }

  static double probability(double p) {
    return Checks.between(p, 0, 1, "probability");
  }
}
