package dev.ciclo.api.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FeatureVectorTest {
  @Test
  @DisplayName("values are copied and read by index and by name")
  void readsAndCopies() {
    double[] v = {1, 2};
    FeatureVector f = FeatureVector.of(List.of("a", "b"), v);
    v[0] = 7;
    assertEquals(1, f.get(0));
    assertEquals(2, f.get("b"));
    assertEquals(FeatureVector.indexed("f", 1, 2).size(), 2);
    assertEquals("f1", FeatureVector.indexed("f", 1, 2).name(1));
  }

  @Test
  @DisplayName("bad vectors are refused with a message naming the problem")
  void refusesBad() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureVector.of(List.of("a", "b"), new double[] {1, Double.NaN}));
    assertEquals("feature 'b' must be a finite number but was NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FeatureVector.of(List.of("a"), new double[] {1, 2}));
    assertEquals("names and values must have the same size but were 1 and 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FeatureVector.of(List.of("a", "a"), new double[] {1, 2}));
    assertEquals("feature name 'a' is repeated", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FeatureVector.of(List.of("a"), new double[] {1}).get("z"));
  }
}
