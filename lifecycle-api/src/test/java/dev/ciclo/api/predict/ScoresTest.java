package dev.ciclo.api.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScoresTest {
  private static final Scores.Labels ABC = Scores.labels(List.of("a", "b", "c"));

  @Test
  void behavesAsAnImmutableMapInLabelOrder() {
    Scores s = ABC.scores(0.2, 0.5, 0.3);
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(s.keySet()));
    assertEquals(List.of(0.2, 0.5, 0.3), new ArrayList<>(s.values()));
    assertEquals(0.5, s.get("b"));
    assertNull(s.get("d"));
    assertNull(s.get(42));
    assertTrue(s.containsKey("c"));
    assertFalse(s.containsKey("d"));
    assertEquals(OptionalDouble.of(0.3), s.score("c"));
    assertEquals(OptionalDouble.empty(), s.score("d"));
    assertEquals(0.2, s.score(0));
    assertThrows(IndexOutOfBoundsException.class, () -> s.score(3));
    assertThrows(UnsupportedOperationException.class, () -> s.put("d", 1.0));
    assertThrows(UnsupportedOperationException.class, () -> s.remove("a"));
    assertThrows(UnsupportedOperationException.class, () -> s.entrySet().iterator().next()
        .setValue(1.0));
    assertEquals("{a=0.2, b=0.5, c=0.3}", s.toString());
  }

  @Test
  void copiesTheValuesItIsGiven() {
    double[] v = {0.2, 0.5, 0.3};
    Scores s = ABC.scores(v);
    v[0] = 9;
    assertEquals(0.2, s.score(0));
    s.toArray()[1] = 9;
    assertEquals(0.5, s.score(1));
  }

  @Test
  void everyMutatorThrowsEvenWhenItWouldChangeNothing() {
    for (Scores s : List.of(ABC.scores(0.2, 0.5, 0.3), Scores.empty())) {
      List<Runnable> mutators = List.of(
          () -> s.put("a", 1.0),
          () -> s.remove("absent"),
          () -> s.remove("a", 0.2),
          () -> s.putAll(Map.of()),
          () -> s.clear(),
          () -> s.replaceAll((k, v) -> v),
          () -> s.putIfAbsent("a", 1.0),
          () -> s.replace("a", 1.0),
          () -> s.replace("a", 0.2, 1.0),
          () -> s.computeIfAbsent("z", k -> 1.0),
          () -> s.computeIfPresent("a", (k, v) -> v),
          () -> s.compute("a", (k, v) -> v),
          () -> s.merge("a", 1.0, Double::sum),
          () -> s.keySet().clear(),
          () -> s.values().clear(),
          () -> s.entrySet().clear());
      for (int i = 0; i < mutators.size(); i++) {
        Runnable m = mutators.get(i);
        if (s.isEmpty() && i >= mutators.size() - 3) {
          continue; // an empty view's clear has nothing to refuse
        }
        assertThrows(UnsupportedOperationException.class, m::run, s + " mutator " + i);
      }
    }
  }

  @Test
  void equalsAndHashCodeFollowTheMapContract() {
    qt().forAll(integers().between(0, 12), doubles().between(-1e6, 1e6))
        .checkAssert(
            (n, base) -> {
              List<String> labels = new ArrayList<>();
              double[] values = new double[n];
              Map<String, Double> expected = new HashMap<>();
              for (int i = 0; i < n; i++) {
                labels.add("label" + i);
                values[i] = base + i * 0.25;
                expected.put("label" + i, values[i]);
              }
              Scores s = Scores.labels(labels).scores(values);
              assertEquals(expected, s);
              assertEquals(s, expected);
              assertEquals(expected.hashCode(), s.hashCode());
              assertEquals(s, Scores.of(expected));
              assertEquals(Map.copyOf(expected), s);
              for (int i = 0; i < n; i++) {
                assertEquals(values[i], s.score("label" + i).getAsDouble());
              }
              if (n > 0) {
                Map<String, Double> other = new HashMap<>(expected);
                other.put("label0", values[0] + 1);
                assertFalse(s.equals(other));
                assertFalse(s.equals(Scores.of(other)));
              }
            });
  }

  @Test
  void findsLabelsBeyondTheLinearScanSize() {
    List<String> labels = new ArrayList<>();
    double[] values = new double[40];
    for (int i = 0; i < 40; i++) {
      labels.add("digit" + i);
      values[i] = i / 100.0;
    }
    Scores s = Scores.labels(labels).scores(values);
    for (int i = 0; i < 40; i++) {
      assertEquals(i, s.labels().indexOf("digit" + i));
      assertEquals(i / 100.0, s.get("digit" + i));
    }
    assertEquals(-1, s.labels().indexOf("digit40"));
  }

  @Test
  void ofKeepsTheMapsOrderAndReturnsScoresAsTheyAre() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("z", 0.1);
    m.put("a", 0.9);
    Scores s = Scores.of(m);
    assertEquals(List.of("z", "a"), s.labels().asList());
    assertSame(s, Scores.of(s));
    assertSame(Scores.empty(), Scores.of(Map.of()));
  }

  @Test
  void refusesBadInputNamingIt() {
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
        () -> Scores.labels(List.of("a", "b", "a")));
    assertTrue(dup.getMessage().contains("'a' is at positions 0 and 2"), dup.getMessage());
    assertThrows(NullPointerException.class, () -> Scores.labels(null));
    assertThrows(NullPointerException.class,
        () -> Scores.labels(java.util.Arrays.asList("a", null)));
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> ABC.scores(0.5, 0.5));
    assertTrue(count.getMessage().contains("expected 3 scores"), count.getMessage());
    assertTrue(count.getMessage().contains("got 2"), count.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> ABC.scores(0.5, Double.NaN, 0.5));
    assertTrue(nan.getMessage().contains("scores[b]"), nan.getMessage());
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ABC.scores(0.5, 0.5, Double.POSITIVE_INFINITY));
    assertThrows(NullPointerException.class, () -> ABC.scores((double[]) null));
    Map<String, Double> withNull = new HashMap<>();
    withNull.put("a", null);
    assertThrows(NullPointerException.class, () -> Scores.of(withNull));
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> Scores.of(Map.of("x", Double.NEGATIVE_INFINITY)));
    assertTrue(inf.getMessage().contains("scores[x]"), inf.getMessage());
  }

  @Test
  void predictionTakesScoresOrAMapAndGivesItsConfidence() {
    Prediction<String> p = new Prediction<>("b", ABC.scores(0.2, 0.5, 0.3));
    assertEquals(OptionalDouble.of(0.5), p.confidence());
    Prediction<String> fromMap = new Prediction<>("b", Map.of("a", 0.2, "b", 0.5, "c", 0.3));
    assertEquals(p, fromMap);
    assertEquals(p.hashCode(), fromMap.hashCode());
    assertEquals(OptionalDouble.empty(), Prediction.of("b").confidence());
    assertTrue(Prediction.of(3).scores().isEmpty());
    assertEquals(OptionalDouble.empty(), new Prediction<>("d", ABC.scores(0.2, 0.5, 0.3))
        .confidence());
    assertThrows(NullPointerException.class, () -> new Prediction<>(null, Scores.empty()));
    assertThrows(NullPointerException.class, () -> new Prediction<>("a", (Scores) null));
    assertThrows(IllegalArgumentException.class,
        () -> new Prediction<>("a", Map.of("a", Double.NaN)));
  }
}
