package dev.ciclo.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SliceFinderTest {
  private final List<Example<String, String>> examples = new ArrayList<>();
  private final List<Prediction<String>> predictions = new ArrayList<>();

  /** 2400 examples; 10% errors, except speaker a with car noise: 60%. */
  SliceFinderTest() {
    SplittableRandom r = new SplittableRandom(5);
    String[] speakers = {"a", "b", "c", "d"};
    String[] noises = {"none", "car", "babble"};
    for (int i = 0; i < 2400; i++) {
      String speaker = speakers[i % 4];
      String noise = noises[(i / 4) % 3];
      double p = speaker.equals("a") && noise.equals("car") ? 0.6 : 0.1;
      boolean wrong = r.nextDouble() < p;
      examples.add(new Example<>("e" + i, "x", "yes", "g" + (i % 7), Set.of(),
          Map.of("speaker", speaker, "noise", noise)));
      predictions.add(Prediction.of(wrong ? "no" : "yes"));
    }
  }

  @Test
  @DisplayName("the planted second-order slice is found first, above its two halves")
  void findsPlantedSlice() {
    List<SliceMetrics> found = SliceFinder.builder().maxOrder(2).minSupport(50).build()
        .find(Dataset.of("d", examples), predictions);
    SliceMetrics top = found.get(0);
    assertEquals("noise=car & speaker=a", top.slice());
    assertEquals(200, top.size());
    assertTrue(top.error() > 0.5 && top.error() < 0.7, "error " + top.error());
    List<String> names = found.stream().map(SliceMetrics::slice).toList();
    assertTrue(names.contains("speaker=a"), names.toString());
    assertTrue(names.indexOf("speaker=a") > 0);
  }

  @Test
  @DisplayName("order 1 finds only single predicates; support prunes small slices")
  void orderAndSupport() {
    List<SliceMetrics> found = SliceFinder.builder().maxOrder(1).minSupport(50).build()
        .find(Dataset.of("d", examples), predictions);
    assertTrue(found.stream().noneMatch(s -> s.slice().contains(" & ")));
    List<SliceMetrics> none = SliceFinder.builder().maxOrder(2).minSupport(700).build()
        .find(Dataset.of("d", examples), predictions);
    assertTrue(none.stream().allMatch(s -> s.size() >= 700), none.toString());
    List<SliceMetrics> third = SliceFinder.builder().maxOrder(3).minSupport(20).topK(10_000).alpha(1)
        .build().find(Dataset.of("d", examples), predictions);
    assertTrue(third.stream().anyMatch(s -> s.slice().split(" & ").length == 3),
        "order 3 reaches three predicates");
    assertTrue(third.stream().allMatch(s -> s.size() >= 20));
    assertEquals("noise=car & speaker=a", third.stream()
        .filter(s -> s.slice().split(" & ").length < 3).findFirst().orElseThrow().slice());
  }

  @Test
  @DisplayName("a model without errors has no weak slice; bad settings are refused")
  void edges() {
    List<Prediction<String>> perfect = examples.stream().map(e -> Prediction.of("yes")).toList();
    assertEquals(List.of(),
        SliceFinder.builder().build().find(Dataset.of("d", examples), perfect));
    assertEquals("maxOrder must be between 1 and 4 but was 5",
        assertThrows(IllegalArgumentException.class, () -> SliceFinder.builder().maxOrder(5))
            .getMessage());
    assertEquals("alpha must be in (0, 1] but was 0.0",
        assertThrows(IllegalArgumentException.class, () -> SliceFinder.builder().alpha(0))
            .getMessage());
  }
}
