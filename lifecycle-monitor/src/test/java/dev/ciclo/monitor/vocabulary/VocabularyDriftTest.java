package dev.ciclo.monitor.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VocabularyDriftTest {
  private static final List<String> WORDS = new ArrayList<>();
  private static final Set<String> VOCAB = new HashSet<>();

  static {
    for (int i = 0; i < 2_000; i++) {
      WORDS.add("w" + i);
    }
    VOCAB.addAll(WORDS);
  }

  /** A query of 8 words; each word is unknown with probability oov (a rare unknown word). */
  private static String text(SplittableRandom r, double oov, List<String> newNames, double names) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      double u = r.nextDouble();
      if (u < names) {
        b.append(newNames.get(r.nextInt(newNames.size())));
      } else if (u < names + oov) {
        b.append("typo").append(r.nextInt(1_000_000));
      } else {
        b.append(WORDS.get(r.nextInt(WORDS.size())));
      }
      b.append(i == 3 ? ", " : " ");
    }
    return b.toString();
  }

  @Test
  @DisplayName("new names raise the OOV rate, alarm the sequential test and top the emerging terms")
  void newPoliticians() {
    VocabularyDrift v = VocabularyDrift.builder(VOCAB).baselineRate(0.01).build();
    SplittableRandom r = new SplittableRandom(4);
    List<String> names = List.of("Zelenskyy", "Sunak", "Milei");
    List<VocabularyWindow> windows = new ArrayList<>();
    for (int w = 0; w < 20; w++) {
      for (int i = 0; i < 500; i++) {
        v.add(text(r, 0.01, names, w < 10 ? 0 : 0.03));
      }
      windows.add(v.closeWindow());
    }
    for (int w = 0; w < 10; w++) {
      VocabularyWindow x = windows.get(w);
      assertFalse(x.alarmed(), "false alarm in window " + w + ": " + x);
      assertTrue(x.oovLow() <= 0.01 && 0.01 <= x.oovHigh(), "interval misses 0.01: " + x);
    }
    VocabularyWindow first = windows.get(10);
    assertTrue(first.alarmed(), "no alarm in the first changed window: " + first);
    assertEquals(4_000, first.tokens());
    assertTrue(first.oovLow() > 0.02, first.toString());
    List<String> top = first.emerging().stream().limit(3).map(e -> e.item()).toList();
    assertEquals(Set.of("zelenskyy", "sunak", "milei"), Set.copyOf(top));
    assertTrue(first.newTermShare() > 0 && first.newTermShare() < 0.1, first.toString());
  }

  @Test
  @DisplayName("the Wilson interval matches a hand-worked value and the tokenizer lower-cases")
  void intervalAndTokens() {
    VocabularyDrift v = VocabularyDrift.builder(Set.of("a")).build();
    // 1 OOV in 10 tokens: Wilson 95% interval (0.01788, 0.40415)
    v.add("a a a a a a a a a B");
    VocabularyWindow w = v.closeWindow();
    assertEquals(0.1, w.oovRate(), 1e-12);
    assertEquals(0.017875, w.oovLow(), 1e-5);
    assertEquals(0.404150, w.oovHigh(), 1e-5);
    assertEquals(List.of("b"), w.emerging().stream().map(e -> e.item()).toList());
    assertEquals(List.of("it's", "o'neil", "2024"), VocabularyDrift.tokenize("It's  O'Neil, 2024!"));
    assertEquals(0.5, w.newTermShare(), 1e-12);
  }

  @Test
  @DisplayName("an alarm rate not above the baseline is refused")
  void badRates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VocabularyDrift.builder(Set.of()).baselineRate(0.1).alarmRate(0.05).build());
    assertTrue(e.getMessage().contains("alarmRate must be between baselineRate (0.1) and 1 but was 0.05"));
  }

  @Test
  @DisplayName("a tracker resumed from another's saved statistic gives the windows that one goes"
      + " on to give (a restart continues the sequential test); out-of-range values are refused")
  void resumesSavedStatistic() {
    VocabularyDrift run = VocabularyDrift.builder(VOCAB).baselineRate(0.01).build();
    SplittableRandom r = new SplittableRandom(9);
    List<List<String>> windows = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        texts.add(text(r, w < 2 ? 0.01 : 0.03, List.of(), 0));
      }
      windows.add(texts);
    }
    List<VocabularyWindow> uninterrupted = new ArrayList<>();
    for (List<String> texts : windows) {
      texts.forEach(run::add);
      uninterrupted.add(run.closeWindow());
    }
    assertTrue(uninterrupted.stream().anyMatch(VocabularyWindow::alarmed), "no alarm to resume");
    for (int cut = 1; cut < windows.size(); cut++) {
      VocabularyDrift before = VocabularyDrift.builder(VOCAB).baselineRate(0.01).build();
      for (List<String> texts : windows.subList(0, cut)) {
        texts.forEach(before::add);
        before.closeWindow();
      }
      double saved = Double.parseDouble(Double.toString(before.statistic()));
      VocabularyDrift after = VocabularyDrift.builder(VOCAB).baselineRate(0.01).build();
      after.resumeStatistic(saved);
      for (int w = cut; w < windows.size(); w++) {
        windows.get(w).forEach(after::add);
        assertEquals(uninterrupted.get(w), after.closeWindow(), "window " + w + " after " + cut);
      }
    }
    VocabularyDrift v = VocabularyDrift.builder(VOCAB).threshold(5).build();
    for (double bad : new double[] {-0.1, 5, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> v.resumeStatistic(bad));
      assertTrue(e.getMessage().startsWith("statistic must be in [0, 5.0) but was "),
          e.getMessage());
    }
    assertEquals(0, v.statistic());
    v.resumeStatistic(4.5);
    assertEquals(4.5, v.statistic());
  }
}
