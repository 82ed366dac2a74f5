package dev.ciclo.monitor.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.monitor.sketch.HeavyHitters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

public class VocabularySummaryTest {
  private static final List<String> WORDS = new ArrayList<>();
  private static final Set<String> VOCAB = new HashSet<>();

  static {
    for (int i = 0; i < 500; i++) {
      WORDS.add("w" + i);
    }
    VOCAB.addAll(WORDS);
  }

  /** Text i of window w: 1% typos; from window 4 on bursts of new names (none in window 6). */
  private static String text(int w, int i, int names) {
    SplittableRandom r = new SplittableRandom(w * 1_000_003L + i);
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(9); // 0 to 8 words: some texts are empty
    for (int k = 0; k < n; k++) {
      double u = r.nextDouble();
      if (w >= 4 && w != 6 && (i / 40) % 3 == 0 && u < 0.3) {
        b.append("Name").append(r.nextInt(names));
      } else if (u < 0.01) {
        b.append("typo").append(r.nextInt(30));
      } else {
        b.append(WORDS.get(r.nextInt(WORDS.size())));
      }
      b.append(k % 3 == 2 ? ", " : " ");
    }
    return b.toString();
  }

  private static VocabularyDrift tracker() {
    return VocabularyDrift.builder(VOCAB).threshold(10).topTerms(10).build();
  }

  @SuppressWarnings("unchecked")
  /**
   * A value after Java serialization and back, as an engine ships it.
   *
   * @param value the value
   * @param <T> its type
   * @return the copy
   */
  public static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Each window's texts cut into time-ordered parts at random points, each part summarised by
   * a shipped summarizer, shipped back, and merged in a random order.
   */
  private static VocabularySummary summarise(VocabularySummarizer s, List<String> texts,
      long t0, Random random) {
    List<Integer> cuts = new ArrayList<>(List.of(0, texts.size()));
    for (int k = 0; k < 1 + random.nextInt(6); k++) {
      cuts.add(random.nextInt(texts.size() + 1));
    }
    Collections.sort(cuts);
    List<VocabularySummary> parts = new ArrayList<>();
    for (int k = 0; k + 1 < cuts.size(); k++) {
      VocabularySummary p = VocabularySummary.create();
      for (int i = cuts.get(k); i < cuts.get(k + 1); i++) {
        s.add(p, texts.get(i), t0 + i);
      }
      parts.add(roundTrip(p));
    }
    Collections.shuffle(parts, random);
    VocabularySummary whole = VocabularySummary.create();
    for (VocabularySummary p : parts) {
      whole.merge(p);
    }
    return whole;
  }

  @Test
  @DisplayName("texts summarised in time-ordered parts, shipped, merged in any order and added"
      + " give the windows of a tracker reading them in order: counts, interval, terms,"
      + " statistic and alarms")
  void mergedEqualsReading() {
    VocabularyDrift reader = tracker();
    VocabularyDrift fed = tracker();
    VocabularySummarizer s = roundTrip(fed.summarizer());
    Random random = new Random(3);
    int alarms = 0;
    for (int w = 0; w < 10; w++) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 1_500; i++) {
        texts.add(text(w, i, 60));
      }
      texts.forEach(reader::add);
      fed.add(summarise(s, texts, 1_000_000L * w, random));
      VocabularyWindow x = reader.closeWindow();
      VocabularyWindow y = fed.closeWindow();
      String where = "window " + w + ": " + x + " vs " + y;
      assertEquals(x.texts(), y.texts(), where);
      assertEquals(x.tokens(), y.tokens(), where);
      assertEquals(x.oovTokens(), y.oovTokens(), where);
      assertEquals(x.oovRate(), y.oovRate(), where);
      assertEquals(x.oovLow(), y.oovLow(), where);
      assertEquals(x.oovHigh(), y.oovHigh(), where);
      assertEquals(x.distinctTerms(), y.distinctTerms(), where);
      assertEquals(x.newTermShare(), y.newTermShare(), where);
      assertEquals(x.emerging(), y.emerging(), where); // fewer new terms than counters: exact
      assertEquals(x.alarmed(), y.alarmed(), where);
      assertEquals(x.sequentialStatistic(), y.sequentialStatistic(), 1e-9, where);
      if (w < 4) {
        assertFalse(x.alarmed(), "no alarm before the names: " + where);
      }
      alarms += x.alarmed() ? 1 : 0;
    }
    assertTrue(alarms >= 3, "the names alarm: " + alarms);
  }

  @Test
  @DisplayName("texts added to one summary out of time order are taken in the order added, as a"
      + " tracker reading a log in its order")
  void oneSummaryInAddOrder() {
    VocabularyDrift reader = tracker();
    VocabularyDrift fed = tracker();
    VocabularySummarizer s = fed.summarizer();
    SplittableRandom r = new SplittableRandom(9);
    for (int w = 3; w < 6; w++) {
      VocabularySummary v = VocabularySummary.create();
      for (int i = 0; i < 1_500; i++) {
        String t = text(w, i, 60);
        reader.add(t);
        s.add(v, t, r.nextLong(1_000_000)); // times jittered out of order
      }
      fed.add(roundTrip(v));
      VocabularyWindow x = reader.closeWindow();
      VocabularyWindow y = fed.closeWindow();
      assertEquals(x.alarmed(), y.alarmed(), "window " + w);
      assertEquals(x.sequentialStatistic(), y.sequentialStatistic(), 1e-9, "window " + w);
      assertEquals(x.oovTokens(), y.oovTokens(), "window " + w);
    }
  }

  @Test
  @DisplayName("with more new terms than counters the merged emerging terms keep Space-Saving's"
      + " bound: each count at least the true count and at most its error above it")
  void emergingWithinBound() {
    VocabularyDrift fed = tracker();
    VocabularySummarizer s = fed.summarizer();
    List<String> texts = new ArrayList<>();
    Map<String, Long> truth = new HashMap<>();
    for (int i = 0; i < 3_000; i++) {
      String t = text(5, i, 5_000);
      texts.add(t);
      for (String term : VocabularyDrift.tokenize(t)) {
        if (!VOCAB.contains(term)) {
          truth.merge(term, 1L, Long::sum);
        }
      }
    }
    assertTrue(truth.size() > 500, "more new terms than the 100 counters: " + truth.size());
    fed.add(summarise(s, texts, 0, new Random(5)));
    VocabularyWindow y = fed.closeWindow();
    assertEquals(truth.values().stream().mapToLong(Long::longValue).sum(), y.oovTokens());
    assertEquals(10, y.emerging().size());
    for (HeavyHitters.Entry e : y.emerging()) {
      long t = truth.getOrDefault(e.item(), 0L);
      assertTrue(t <= e.count() && e.count() <= t + e.error(), e + " true " + t);
    }
  }

  @Test
  @DisplayName("an empty summary is nothing, an empty text is a text with no token, and a"
      + " summary of another tracker, a null text or an unserializable tokenizer are refused")
  void badInput() {
    VocabularyDrift t = tracker();
    t.add(VocabularySummary.create());
    VocabularySummary empty = VocabularySummary.create();
    empty.merge(VocabularySummary.create());
    t.add(empty);
    VocabularySummary one = VocabularySummary.create();
    t.summarizer().add(one, "", 5L);
    assertEquals(1, one.texts());
    assertEquals(0, one.tokens());
    t.add(one);
    VocabularyWindow w = t.closeWindow();
    assertEquals(1, w.texts());
    assertEquals(0, w.tokens());
    assertEquals(0, w.oovRate());

    VocabularyDrift other = VocabularyDrift.builder(Set.of("a")).build();
    VocabularySummary theirs = VocabularySummary.create();
    other.summarizer().add(theirs, "a b", 1L);
    String refused = "summary must come from this tracker's summarizer, but it was filled by"
        + " that of a tracker with other settings (vocabulary, rates, threshold or counters)";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.add(theirs));
    assertEquals(refused, e.getMessage());
    VocabularySummary mine = VocabularySummary.create();
    t.summarizer().add(mine, "w1", 1L);
    e = assertThrows(IllegalArgumentException.class, () -> mine.merge(theirs));
    assertEquals(refused, e.getMessage());
    assertEquals(1, mine.texts(), "a refused merge changes nothing");
    e = assertThrows(IllegalArgumentException.class,
        () -> other.summarizer().add(mine, "a", 2L));
    assertEquals(refused, e.getMessage());
    assertThrows(NullPointerException.class, () -> t.summarizer().add(mine, null, 2L));

    Function<String, List<String>> plain = x -> List.of(x);
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> VocabularyDrift.builder(VOCAB).tokenizer(plain).build().summarizer());
    assertTrue(s.getMessage().startsWith("tokenizer must be Serializable to summarise texts on"
        + " other nodes but was "), s.getMessage());
    Function<String, List<String>> shippable =
        (Function<String, List<String>> & Serializable) x -> List.of(x);
    VocabularySummarizer ok =
        roundTrip(VocabularyDrift.builder(VOCAB).tokenizer(shippable).build().summarizer());
    VocabularySummary v = VocabularySummary.create();
    ok.add(v, "w1 w2", 0L);
    assertEquals(1, v.tokens());
  }
}
