package dev.ciclo.augment.targeted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.AugmentedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TargetedAugmentationTest {
  static Dataset<String, String> data(int n, int weak) {
    List<Example<String, String>> ex = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ex.add(new Example<>("e" + i, "text" + i, "y", "g" + i % 4,
          i < weak ? Set.of("car-noise") : Set.of(), Map.of()));
    }
    return Dataset.of("train", ex);
  }

  static Augmenter<String> upper(AtomicInteger calls) {
    return (in, r) -> {
      calls.incrementAndGet();
      return new Augmented<>(in.toUpperCase() + r.nextInt(10),
          AugmentationRecord.of(new AppliedTransform("upper", Map.of())));
    };
  }

  @Test
  @DisplayName("the slice reaches its target share, copies keep ids and groups, round-robin")
  void reachesShare() {
    Dataset<String, String> train = data(100, 5);
    TargetedAugmentation<String, String> t = TargetedAugmentation
        .<String, String>builder(upper(new AtomicInteger()), 9).sliceTag("car-noise")
        .targetShare(0.2).build();
    assertEquals(19, t.copiesNeeded(train));
    Dataset<String, String> out = t.apply(train);
    long slice = out.stream().filter(e -> e.hasTag("car-noise")).count();
    assertTrue(slice / (double) out.size() >= 0.2, slice + "/" + out.size());
    assertTrue((slice - 1) / (double) (out.size() - 1) < 0.2);
    for (int j = 0; j < 19; j++) {
      Example<String, String> c = out.get(100 + j);
      assertEquals("e" + j % 5, c.id());
      assertEquals("g" + j % 5 % 4, c.group());
      assertTrue(c.hasTag("augmented"));
    }
    String step = out.provenance().steps().get(0);
    assertTrue(step.startsWith("targeted augment: slice tag car-noise from 5/100 (5.0%) to 24/119"),
        step);
  }

  @Test
  @DisplayName("the stream is lazy: taking 10 of a million copies augments 10 examples")
  void lazy() {
    AtomicInteger calls = new AtomicInteger();
    TargetedAugmentation<String, String> t = TargetedAugmentation
        .<String, String>builder(upper(calls), 1)
        .slice("id e0", e -> e.id().equals("e0")).targetShare(0.99).build();
    Dataset<String, String> train = data(10_000, 0);
    assertEquals(989_900, t.copiesNeeded(train));
    List<AugmentedExample<String, String>> ten = t.copies(train).limit(10).toList();
    assertEquals(10, ten.size());
    assertEquals(10, calls.get());
  }

  @Test
  @DisplayName("the number of copies is the smallest that reaches the share, for any sizes")
  void minimalCount() {
    org.quicktheories.QuickTheory.qt().withExamples(300)
        .forAll(org.quicktheories.generators.SourceDSL.integers().between(1, 300),
            org.quicktheories.generators.SourceDSL.integers().between(1, 300),
            org.quicktheories.generators.SourceDSL.integers().between(1, 99))
        .checkAssert((n, weak, pct) -> {
          int s = Math.min(n, weak);
          double q = pct / 100.0;
          var t = TargetedAugmentation.<String, String>builder(upper(new AtomicInteger()), 1)
              .sliceTag("car-noise").targetShare(q).build();
          long k = t.copiesNeeded(data(n, s));
          assertTrue(s + k >= q * (n + k), "k=" + k);
          assertTrue(k == 0 || s + k - 1 < q * (n + k - 1), "k=" + k + " not minimal");
        });
  }

  @Test
  @DisplayName("nothing to do when the slice already has its share; an empty slice is refused")
  void edges() {
    AtomicInteger calls = new AtomicInteger();
    var t = TargetedAugmentation.<String, String>builder(upper(calls), 1).sliceTag("car-noise")
        .targetShare(0.05).build();
    assertEquals(0, t.copies(data(100, 5)).count());
    var e = assertThrows(IllegalArgumentException.class, () -> t.copiesNeeded(data(100, 0)));
    assertTrue(e.getMessage().contains("has no example"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TargetedAugmentation.<String, String>builder(upper(calls), 1).targetShare(1.5));
    assertEquals("targetShare must be between 0.001 and 0.99 but was 1.5", e.getMessage());
  }
}
