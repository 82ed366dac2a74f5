package dev.ciclo.augment.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import dev.ciclo.augment.signal.Gain;
import dev.ciclo.augment.signal.TimeShift;
import dev.ciclo.augment.noise.GaussianNoise;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ComposeTest extends AugmenterContract<AudioClip> {
  @Override
  protected Augmenter<AudioClip> newAugmenter() {
    return Compose.sequence(
        Compose.withProbability(0.5, Gain.defaults()),
        Compose.oneOf(List.of(TimeShift.defaults(), GaussianNoise.atSnr())),
        Compose.someOf(0, 2, List.of(Gain.ofDb(-3, 3), GaussianNoise.atAmplitude())));
  }

  @Override
  protected List<AudioClip> inputs() {
    return Clips.some();
  }

  /** A fake augmenter that appends its name to a string and records it. */
  static Augmenter<String> tag(String name) {
    return (in, r) -> new Augmented<>(in + name,
        AugmentationRecord.of(new AppliedTransform(name, Map.of())));
  }

  static Augmented<String> run(Augmenter<String> a, int i) {
    return a.apply("", new RandomKey(3, "k" + i, 0).generator());
  }

  @Test
  @DisplayName("sequence applies every step in order and concatenates the records")
  void sequence() {
    Augmented<String> a = run(Compose.sequence(tag("a"), tag("b"), tag("c")), 0);
    assertEquals("abc", a.output());
    assertEquals(List.of("a", "b", "c"),
        a.record().transforms().stream().map(AppliedTransform::name).toList());
  }

  @Test
  @DisplayName("oneOf applies exactly one child, each about as often as its weight says")
  void oneOf() {
    Augmenter<String> one = Compose.oneOf(List.of(tag("a"), tag("b")), new double[] {3, 1});
    int as = 0;
    for (int i = 0; i < 2000; i++) {
      String out = run(one, i).output();
      assertTrue(out.equals("a") || out.equals("b"));
      as += out.equals("a") ? 1 : 0;
    }
    assertEquals(1500, as, 90);
  }

  @Test
  @DisplayName("a child's own probability inside oneOf is honoured: sometimes nothing happens")
  void probabilityInsideOneOfHonoured() {
    Augmenter<String> one = Compose.oneOf(List.of(Compose.withProbability(0.5, tag("a"))));
    int empty = 0;
    for (int i = 0; i < 1000; i++) {
      Augmented<String> a = run(one, i);
      if (a.record().isEmpty()) {
        assertEquals("", a.output());
        empty++;
      }
    }
    assertEquals(500, empty, 60);
  }

  @Test
  @DisplayName("someOf applies between min and max distinct children, in list order")
  void someOf() {
    Augmenter<String> some = Compose.someOf(1, 2, List.of(tag("a"), tag("b"), tag("c")));
    int[] counts = new int[4];
    for (int i = 0; i < 600; i++) {
      String out = run(some, i).output();
      counts[out.length()]++;
      assertTrue(List.of("a", "b", "c", "ab", "ac", "bc").contains(out), out);
    }
    assertEquals(0, counts[0]);
    assertEquals(0, counts[3]);
    assertTrue(counts[1] > 200 && counts[2] > 200);
  }

  @Test
  @DisplayName("withProbability fires at its rate; p = 0 never, p = 1 always")
  void probability() {
    int fired = 0;
    for (int i = 0; i < 1000; i++) {
      fired += run(Compose.withProbability(0.3, tag("a")), i).output().length();
      assertEquals("", run(Compose.withProbability(0, tag("a")), i).output());
      assertEquals("a", run(Compose.withProbability(1, tag("a")), i).output());
    }
    assertEquals(300, fired, 50);
  }

  @Test
  @DisplayName("bad composition parameters are refused with the parameter and its range")
  void bad() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Compose.withProbability(1.5, tag("a")));
    assertEquals("p must be between 0 and 1 but was 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Compose.someOf(0, 3, List.of(tag("a"))));
    assertEquals("max must be between 0 and 1 but was 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Compose.<String>oneOf(List.of()));
    assertEquals("children must hold at least 1 augmenter but held 0", e.getMessage());
  }
}
