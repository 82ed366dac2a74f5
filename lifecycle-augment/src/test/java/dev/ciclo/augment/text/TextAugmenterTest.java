package dev.ciclo.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.augment.compose.Compose;
import dev.ciclo.testkit.AugmenterContract;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextAugmenterTest extends AugmenterContract<String> {
  static final Set<String> KEEP = Set.of("Berlin", "7");

  @Override
  protected Augmenter<String> newAugmenter() {
    return Compose.sequence(CharacterTypos.of(0.5, KEEP), WordDropout.of(0.3, KEEP),
        WordSwap.of(2, KEEP));
  }

  @Override
  protected List<String> inputs() {
    return List.of("navigate to berlin central station now please", "call 7", "", "x",
        "play   some music in the car");
  }

  static Augmented<String> run(Augmenter<String> a, String s, int i) {
    return a.apply(s, new RandomKey(4, "t" + i, 0).generator());
  }

  @Test
  @DisplayName("protected words survive typos, dropout and swaps, in place")
  void protectedVocabulary() {
    String in = "drive to BERLIN then call 7 from the car";
    for (int i = 0; i < 300; i++) {
      String out = run(newAugmenter(), in, i).output();
      List<String> w = Arrays.asList(out.split(" "));
      assertTrue(w.contains("BERLIN") && w.contains("7"), out);
    }
    for (int i = 0; i < 100; i++) {
      String out = run(WordSwap.of(5, KEEP), "a b BERLIN c d", i).output();
      assertEquals("BERLIN", out.split(" ")[2], out);
    }
  }

  @Test
  @DisplayName("typos change the recorded number of words, each by one edit")
  void typos() {
    String in = "quick brown foxes jumped over lazy dogs";
    for (int i = 0; i < 100; i++) {
      Augmented<String> a = run(CharacterTypos.of(0.5, Set.of()), in, i);
      String[] x = in.split(" ");
      String[] y = a.output().split(" ");
      assertEquals(x.length, y.length);
      int changed = 0;
      for (int k = 0; k < x.length; k++) {
        if (!x[k].equals(y[k])) {
          changed++;
          assertTrue(Math.abs(x[k].length() - y[k].length()) <= 1, x[k] + " -> " + y[k]);
        }
      }
      assertTrue(changed <= a.record().transforms().get(0).number("typos"));
    }
  }

  @Test
  @DisplayName("dropout never empties a text and records what it dropped")
  void dropout() {
    for (int i = 0; i < 100; i++) {
      Augmented<String> a = run(WordDropout.of(1.0, Set.of()), "one two three", i);
      assertEquals("one two three", a.output());
      assertEquals("would drop every word",
          a.record().transforms().get(0).parameters().get("skipped"));
      Augmented<String> b = run(WordDropout.of(0.5, Set.of()), "a b c d e f g h", i);
      assertEquals(8 - (int) b.record().transforms().get(0).number("dropped"),
          b.output().split(" ").length);
    }
  }
}
