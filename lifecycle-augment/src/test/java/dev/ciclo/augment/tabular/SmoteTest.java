package dev.ciclo.augment.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.augment.AugmentedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmoteTest {
  static Dataset<FeatureVector, String> data() {
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ex.add(new Example<>("maj" + i, FeatureVector.indexed("f", i, -i), "major", "g" + i % 3,
          Set.of(), Map.of()));
    }
    for (int i = 0; i < 6; i++) {
      ex.add(new Example<>("min" + i, FeatureVector.indexed("f", 100 + i, 200 + 2 * i), "minor",
          "h" + i, Set.of(), Map.of()));
    }
    return Dataset.of("t", ex);
  }

  @Test
  @DisplayName("synthetic minority points lie on segments to recorded neighbours, keep id/group")
  void interpolates() {
    Dataset<FeatureVector, String> d = data();
    assertEquals(24, Smote.countToBalance(d, "minor"));
    List<AugmentedExample<FeatureVector, String>> made =
        Smote.of(2, 11).oversample(d, "minor", 24).toList();
    assertEquals(24, made.size());
    for (int j = 0; j < made.size(); j++) {
      var a = made.get(j);
      assertEquals("min" + j % 6, a.example().id());
      assertEquals("h" + j % 6, a.example().group());
      assertEquals("minor", a.example().target());
      var t = a.record().transforms().get(0);
      int base = j % 6;
      int nb = Integer.parseInt(((String) t.parameters().get("neighbourId")).substring(3));
      assertTrue(Math.abs(nb - base) <= 2 && nb != base, "neighbour " + nb + " of " + base);
      double lambda = t.number("lambda");
      assertEquals(100 + base + lambda * (nb - base), a.example().input().get(0), 1e-9);
      assertEquals(200 + 2 * base + lambda * 2 * (nb - base), a.example().input().get(1), 1e-9);
    }
    assertEquals(made, Smote.of(2, 11).oversample(d, "minor", 24).parallel().toList());
  }
}
