package dev.ciclo.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.ErrorCase;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErrorAnalyzerTest {
  /**
   * 1000 examples; 100 tagged "noisy" with every other one wrong (50%); four tagged "tiny",
   * three of them wrong (75%); of the remaining 896, those with index 3 mod 7 are wrong (128). Speakers s0..s4 by index, a
   * metadata "uid" with 1000 distinct values, confidence rising with the index.
   */
  static final class Fixture {
    final List<Example<String, String>> examples = new ArrayList<>();
    final Map<String, Prediction<String>> table = new HashMap<>();

    Fixture() {
      for (int i = 0; i < 1000; i++) {
        String id = "e" + i;
        boolean noisy = i < 100;
        boolean tiny = i >= 100 && i < 104;
        boolean wrong = noisy ? i % 2 == 0 : tiny ? i < 103 : i % 7 == 3;
        Set<String> tags = noisy ? Set.of("noisy") : tiny ? Set.of("tiny") : Set.of();
        examples.add(new Example<>(id, id, "yes", "s" + (i % 5), tags,
            Map.of("uid", id, "mic", i % 2 == 0 ? "a" : "b")));
        double conf = 0.5 + 0.4999 * i / 1000.0;
        String value = wrong ? "no" : "yes";
        table.put(id, new Prediction<>(value, Map.of(value, conf, wrong ? "yes" : "no", 1 - conf)));
      }
    }

    Dataset<String, String> data() {
      return Dataset.of("fixture", examples);
    }
  }

  @Test
  @DisplayName("a big slice that is clearly worse ranks above a tiny slice with a higher error")
  void noisySliceFirst() {
    Fixture f = new Fixture();
    ErrorAnalysis a = ErrorAnalyzer.builder().minSliceSize(1).build()
        .analyze(TestModels.lookup(f.table), f.data());
    SliceMetrics first = a.slices().get(0);
    assertEquals("tag=noisy", first.slice());
    assertEquals(100, first.size());
    assertEquals(0.5, first.error(), 1e-12);
    double overall = (50 + 3 + 128) / 1000.0;
    assertEquals(overall, a.overall().error(), 1e-12);
    assertEquals(0.5 - overall, first.lift(), 1e-12);
    assertTrue(first.interval().contains(0.5));
    SliceMetrics tiny = a.slices().stream().filter(s -> s.slice().equals("tag=tiny"))
        .findFirst().orElseThrow();
    assertTrue(tiny.lift() > first.lift(), "the tiny slice has the higher raw lift");
    assertTrue(tiny.interval().low() < first.interval().low());
    assertTrue(a.slices().stream().anyMatch(s -> s.slice().equals("group=s0")));
    assertTrue(a.slices().stream().anyMatch(s -> s.slice().equals("mic=a")));
    assertFalse(a.slices().stream().anyMatch(s -> s.slice().startsWith("uid=")),
        "a field with 1000 values is not categorical");
  }

  @Test
  @DisplayName("slices below the minimum size are left out; custom predicates are sliced")
  void minSizeAndPredicates() {
    Fixture f = new Fixture();
    ErrorAnalysis a = ErrorAnalyzer.builder().minSliceSize(10).automaticSlices(false)
        .slice("first half", e -> Integer.parseInt(e.id().substring(1)) < 500)
        .slice("tiny", e -> e.hasTag("tiny"))
        .build().analyze(TestModels.lookup(f.table), f.data());
    assertEquals(1, a.slices().size());
    SliceMetrics half = a.slices().get(0);
    assertEquals("first half", half.slice());
    assertEquals(500, half.size());
    // 50 noisy + 3 tiny + 108, 115, ..., 493 (3 mod 7) = 56
    assertEquals((50 + 3 + 56) / 500.0, half.error(), 1e-12);
  }

  @Test
  @DisplayName("the worst errors are the most confident wrong predictions, with ids and metadata")
  void worstErrors() {
    Fixture f = new Fixture();
    ErrorAnalysis a = ErrorAnalyzer.builder().worstErrors(3).build()
        .analyze(TestModels.lookup(f.table), f.data());
    List<String> ids = a.worstErrors().stream().map(ErrorCase::exampleId).toList();
    assertEquals(List.of("e997", "e990", "e983"), ids);
    ErrorCase top = a.worstErrors().get(0);
    assertEquals("yes", top.actual());
    assertEquals("no", top.predicted());
    assertEquals(0.5 + 0.4999 * 0.997, top.confidence(), 1e-12);
    assertEquals("s2", top.metadata().get("group"));
    assertEquals("b", top.metadata().get("mic"));
  }

  @Test
  @DisplayName("bad settings and mismatched predictions are refused with the value in the message")
  void badInput() {
    Fixture f = new Fixture();
    assertEquals("minSliceSize must be at least 1 but was 0", assertThrows(
        IllegalArgumentException.class, () -> ErrorAnalyzer.builder().minSliceSize(0))
        .getMessage());
    assertEquals("slice name 'x' is already used", assertThrows(IllegalArgumentException.class,
        () -> ErrorAnalyzer.builder().slice("x", e -> true).slice("x", e -> false)).getMessage());
    assertEquals("predictions must have one element per example (1000) but had 1",
        assertThrows(IllegalArgumentException.class, () -> ErrorAnalyzer.builder().build()
            .analyze(f.data(), List.of(Prediction.of("yes")))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ErrorAnalyzer.builder().level(1.5));
  }

  @Test
  @DisplayName("the normal quantile and the Wilson interval match published values")
  void wilson() {
    assertEquals(1.959963985, SliceStats.z(0.95), 1e-8);
    assertEquals(2.575829304, SliceStats.z(0.99), 1e-8);
    // Wilson 95% for 50/100: 0.4038 to 0.5962 (Newcombe 1998, Table I style values)
    var w = SliceStats.wilson(50, 100, SliceStats.z(0.95), 0.95);
    assertEquals(0.40383, w.low(), 1e-5);
    assertEquals(0.59617, w.high(), 1e-5);
    var zero = SliceStats.wilson(0, 10, SliceStats.z(0.95), 0.95);
    assertEquals(0.0, zero.low(), 1e-12);
    assertEquals(0.27753, zero.high(), 1e-5);
  }
}
