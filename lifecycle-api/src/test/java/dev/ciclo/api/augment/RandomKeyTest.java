package dev.ciclo.api.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RandomKeyTest {
  private static long[] draw(RandomGenerator g) {
    long[] out = new long[8];
    for (int i = 0; i < out.length; i++) {
      out[i] = g.nextLong();
    }
    return out;
  }

  @Test
  @DisplayName("property: equal keys draw equal sequences; another id or epoch draws another")
  void keyedStreams() {
    qt().withExamples(300)
        .forAll(longs().all(), strings().basicLatinAlphabet().ofLengthBetween(1, 12),
            integers().between(0, 1000))
        .assuming((s, id, e) -> !id.isBlank())
        .checkAssert(
            (seed, id, epoch) -> {
              RandomKey k = new RandomKey(seed, id, epoch);
              assertEquals(
                  java.util.Arrays.toString(draw(k.generator())),
                  java.util.Arrays.toString(draw(new RandomKey(seed, id, epoch).generator())));
              assertNotEquals(
                  draw(k.generator())[0], draw(new RandomKey(seed, id + "x", epoch).generator())[0]);
              assertNotEquals(
                  draw(k.generator())[0], draw(new RandomKey(seed, id, epoch + 1).generator())[0]);
              assertNotEquals(
                  draw(k.generator())[0], draw(new RandomKey(seed + 1, id, epoch).generator())[0]);
            });
  }

  @Test
  @DisplayName("records refuse values of other types and non-finite numbers, naming the key")
  void appliedTransformValidation() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> new AppliedTransform("gain", Map.of("db", Double.NaN)));
    assertEquals("parameter 'db' must be a finite number but was NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new AppliedTransform("gain", Map.of("db", new Object())));
    assertEquals(true, e.getMessage().startsWith("parameter 'db' must be a String"));
    AppliedTransform t = new AppliedTransform("gain", Map.of("db", 3.5));
    assertEquals(3.5, t.number("db"));
    assertThrows(IllegalArgumentException.class, () -> t.number("missing"));
    AugmentationRecord r = AugmentationRecord.of(t).then(AugmentationRecord.none());
    assertEquals(1, r.transforms().size());
    assertEquals(2, r.then(r).transforms().size());
    assertThrows(IllegalArgumentException.class, () -> new RandomKey(1, "id", -1));
  }
}
