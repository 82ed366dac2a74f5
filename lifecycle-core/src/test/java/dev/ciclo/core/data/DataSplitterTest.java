package dev.ciclo.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DataSplitter: random, stratified, group-aware, k-fold, time-ordered and rule splits")
class DataSplitterTest {
  /** FSDD-like: 10 digits x 5 speakers x 10 recordings; index and time in the metadata. */
  static Dataset<Integer, String> speech() {
    List<Example<Integer, String>> out = new ArrayList<>();
    String[] speakers = {"george", "jackson", "nicolas", "theo", "yweweler"};
    int t = 0;
    for (String s : speakers) {
      for (int d = 0; d < 10; d++) {
        for (int i = 0; i < 10; i++) {
          out.add(new Example<>(d + "_" + s + "_" + i, t, Integer.toString(d), s, Set.of(),
              Map.of("index", Integer.toString(i), "time", Integer.toString(t))));
          t++;
        }
      }
    }
    return Dataset.of("speech", out);
  }

  /** 90 examples of "a", 10 of "b". */
  static Dataset<Integer, String> imbalanced() {
    List<Example<Integer, String>> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      out.add(Example.of("e" + i, i, i < 90 ? "a" : "b"));
    }
    return Dataset.of("imbalanced", out);
  }

  private static long count(Dataset<Integer, String> d, String label) {
    return d.stream().filter(e -> e.target().equals(label)).count();
  }

  @Test
  @DisplayName("a stratified split keeps each label's share in every part")
  void stratified() {
    Splits<Integer, String> s = DataSplitter.builder().fractions(0.6, 0.2, 0.2).stratify(true)
        .seed(3).build().split(imbalanced());
    assertEquals(54, count(s.train(), "a"));
    assertEquals(6, count(s.train(), "b"));
    assertEquals(2, count(s.dev(), "b"));
    assertEquals(2, count(s.test(), "b"));
    assertTrue(s.train().provenance().steps().get(0).startsWith("stratified split"));
  }

  @Test
  @DisplayName("a group-aware split never puts a speaker in two parts, for any seed")
  void groupAwareProperty() {
    Dataset<Integer, String> data = speech();
    qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
      Splits<Integer, String> s = DataSplitter.builder().fractions(0.6, 0.2, 0.2)
          .groupAware(true).seed(seed).build().split(data);
      assertEquals(Set.of(), s.sharedGroups());
      assertEquals(3, s.train().groups().size());
      assertEquals(1, s.dev().groups().size());
      assertEquals(1, s.test().groups().size());
      assertEquals(data.size(), s.train().size() + s.dev().size() + s.test().size());
    });
  }

  @Test
  @DisplayName("the same seed gives the same group-aware split; another seed another")
  void groupAwareDeterministic() {
    DataSplitter a = DataSplitter.builder().fractions(0.6, 0.2, 0.2).groupAware(true).seed(1)
        .build();
    assertEquals(a.split(speech()).test().fingerprint(), a.split(speech()).test().fingerprint());
    Set<Set<String>> tests = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      tests.add(DataSplitter.builder().fractions(0.6, 0.2, 0.2).groupAware(true).seed(seed)
          .build().split(speech()).test().groups());
    }
    assertTrue(tests.size() > 1, "different seeds should hold out different speakers");
  }

  @Test
  @DisplayName("k-fold puts every example in exactly one validation fold (plain and stratified)")
  void kFoldPartitions() {
    qt().withExamples(20).forAll(integers().between(2, 10), longs().all()).checkAssert((k, seed) -> {
      for (boolean stratify : new boolean[] {false, true}) {
        List<Fold<Integer, String>> folds = DataSplitter.builder().stratify(stratify).seed(seed)
            .build().kFold(speech(), k);
        assertEquals(k, folds.size());
        Set<String> seen = new HashSet<>();
        for (Fold<Integer, String> f : folds) {
          assertEquals(500, f.train().size() + f.validation().size());
          f.validation().forEach(e -> assertTrue(seen.add(e.id()), e.id() + " twice"));
        }
        assertEquals(500, seen.size());
      }
    });
  }

  @Test
  @DisplayName("grouped k-fold over 5 speakers is leave-one-speaker-out")
  void groupedKFold() {
    List<Fold<Integer, String>> folds = DataSplitter.builder().groupAware(true).seed(9).build()
        .kFold(speech(), 5);
    Set<String> held = new HashSet<>();
    for (Fold<Integer, String> f : folds) {
      assertEquals(1, f.validation().groups().size());
      held.addAll(f.validation().groups());
      assertTrue(f.train().groups().stream().noneMatch(f.validation().groups()::contains));
    }
    assertEquals(speech().groups(), held);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().groupAware(true).build().kFold(speech(), 6));
    assertTrue(e.getMessage().contains("number of groups (5)") && e.getMessage().contains("was 6"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().build().kFold(speech(), 1));
  }

  @Test
  @DisplayName("a time-ordered split trains on the past and tests on the future")
  void timeOrdered() {
    Dataset<Integer, String> shuffled = DataSplitter.builder().fractions(1, 0, 0).seed(4).build()
        .split(speech()).train();
    Splits<Integer, String> s = DataSplitter.builder().fractions(0.6, 0.2, 0.2).build()
        .byOrder(shuffled, Comparator.comparingInt(e -> Integer.parseInt(e.metadata().get("time"))));
    int lastTrain = s.train().stream().mapToInt(Example::input).max().orElseThrow();
    int firstDev = s.dev().stream().mapToInt(Example::input).min().orElseThrow();
    int lastDev = s.dev().stream().mapToInt(Example::input).max().orElseThrow();
    int firstTest = s.test().stream().mapToInt(Example::input).min().orElseThrow();
    assertTrue(lastTrain < firstDev && lastDev < firstTest);
    assertEquals(300, s.train().size());
  }

  @Test
  @DisplayName("FSDD's own rule: index 0-4 is test, the rest train")
  void byRule() {
    Splits<Integer, String> s = DataSplitter.builder().build().byRule(speech(),
        e -> Integer.parseInt(e.metadata().get("index")) < 5 ? DataSplitter.Part.TEST
            : DataSplitter.Part.TRAIN);
    assertEquals(250, s.test().size());
    assertEquals(0, s.dev().size());
    assertTrue(s.test().stream().allMatch(e -> Integer.parseInt(e.metadata().get("index")) < 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().build().byRule(speech(), x -> DataSplitter.Part.TRAIN));
    assertTrue(e.getMessage().startsWith("the test split would be empty: the rule put 500 of 500"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().build().byRule(speech(), x -> null));
    assertTrue(e.getMessage().contains("returned null for example 0_george_0"), e.getMessage());
  }

  @Test
  @DisplayName("a label seen only in test is refused, naming the split and the counts")
  void unseenLabel() {
    Dataset<Integer, String> d = imbalanced();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().build().byOrder(d, Comparator.comparingInt(Example::input)));
    assertTrue(e.getMessage().startsWith("label 'b' appears in the test split (10 of 15 examples)"
        + " but not in the train split (0 of 70 examples)"), e.getMessage());
    Splits<Integer, String> allowed = DataSplitter.builder().requireTrainLabels(false).build()
        .byOrder(d, Comparator.comparingInt(Example::input));
    assertEquals(10, count(allowed.test(), "b"));
  }

  @Test
  @DisplayName("a group-aware split with too few groups for a part is refused with the counts")
  void tooFewGroups() {
    Dataset<Integer, String> two = speech().filter("two speakers",
        e -> e.group().equals("theo") || e.group().equals("george"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().fractions(0.6, 0.2, 0.2).groupAware(true).build().split(two));
    assertTrue(e.getMessage().contains("split would be empty")
        && e.getMessage().contains("(2 groups)"), e.getMessage());
    assertThrows(IllegalStateException.class,
        () -> DataSplitter.builder().stratify(true).groupAware(true).build());
  }

  @Test
  @DisplayName("random splits differ by seed and keep every example")
  void randomSplit() {
    Splits<Integer, String> a = DataSplitter.builder().seed(1).build().split(speech());
    Splits<Integer, String> b = DataSplitter.builder().seed(2).build().split(speech());
    assertNotEquals(a.test().fingerprint(), b.test().fingerprint());
    assertEquals(350, a.train().size());
  }
}
