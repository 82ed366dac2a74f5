package dev.ciclo.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static Dataset<double[], String> sample() {
    return Dataset.of(
        "toy",
        List.of(
            new Example<>("a", new double[] {1, 2}, "x", "g1", Set.of("noisy"), Map.of()),
            new Example<>("b", new double[] {3, 4}, "y", "g1", Set.of(), Map.of("k", "v")),
            new Example<>("c", new double[] {5, 6}, "x", "g2", Set.of("noisy"), Map.of())));
  }

  @Test
  @DisplayName("the fingerprint is 64 hex digits and equal for equal content")
  void fingerprintStable() {
    String f = sample().fingerprint();
    assertTrue(f.matches("[0-9a-f]{64}"), f);
    assertEquals(f, sample().fingerprint());
  }

  @Test
  @DisplayName("the fingerprint changes when any part of an example changes")
  void fingerprintSensitive() {
    String base = sample().fingerprint();
    Dataset<double[], String> s = sample();
    assertNotEquals(base, s.map("relabel", e -> e.id().equals("a")
        ? new Example<>(e.id(), e.input(), "z", e.group(), e.tags(), e.metadata()) : e).fingerprint());
    assertNotEquals(base, s.map("regroup", e -> e.withGroup("other")).fingerprint());
    assertNotEquals(base, s.map("tag", e -> e.withTags("t")).fingerprint());
    assertNotEquals(base, s.map("meta", e -> e.withMetadata("m", "1")).fingerprint());
    assertNotEquals(base, s.mapInputs("scale", x -> new double[] {x[0], x[1] * 2}).fingerprint());
    assertNotEquals(base, s.filter("drop c", e -> !e.id().equals("c")).fingerprint());
  }

  @Test
  @DisplayName("property: equal double lists give equal fingerprints, a changed one a different one")
  void fingerprintProperty() {
    qt().withExamples(200)
        .forAll(lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(1, 20))
        .checkAssert(
            values -> {
              double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
              double[] b = a.clone();
              Dataset<double[], String> d1 = Dataset.of("p", List.of(Example.of("i", a, "y")));
              Dataset<double[], String> d2 = Dataset.of("p", List.of(Example.of("i", b, "y")));
              assertEquals(d1.fingerprint(), d2.fingerprint());
              b[0] = b[0] + 1;
              Dataset<double[], String> d3 = Dataset.of("p", List.of(Example.of("i", b, "y")));
              assertNotEquals(d1.fingerprint(), d3.fingerprint());
            });
  }

  @Test
  @DisplayName("filter, slice, map and concat record what they did in the provenance")
  void fluentProvenance() {
    Dataset<double[], String> s = sample();
    Dataset<double[], String> noisy = s.slice("noisy");
    assertEquals(List.of("a", "c"), noisy.stream().map(Example::id).toList());
    assertEquals(List.of("slice: tag noisy"), noisy.provenance().steps());
    Dataset<double[], String> both = noisy.concat(s.filter("id b", e -> e.id().equals("b")));
    assertEquals(3, both.size());
    assertTrue(both.provenance().steps().get(1).startsWith("concat: toy"), both.provenance().toString());
    assertEquals(Set.of("x", "y"), both.targets());
    assertEquals(Set.of("g1", "g2"), both.groups());
  }

  @Test
  @DisplayName("an input type the fingerprint cannot read gets an error naming the type")
  void unknownInputType() {
    Dataset<Object, String> d = Dataset.of("o", List.of(Example.of("i", new Object(), "y")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, d::fingerprint);
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
  }

  @Test
  @DisplayName("examples refuse a blank id, a blank group and null parts, naming the field")
  void exampleValidation() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Example.of(" ", 1, "y"));
    assertTrue(e.getMessage().startsWith("id must not be blank"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Example.of("i", 1, "y").withGroup(""));
    NullPointerException n =
        assertThrows(NullPointerException.class, () -> Example.of("i", null, "y"));
    assertEquals("input", n.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Example.of("i", 1, "y").withTags(" "));
  }

  @Test
  @DisplayName("splits report the groups they share")
  void splitsSharedGroups() {
    Dataset<double[], String> s = sample();
    Splits<double[], String> leaky =
        new Splits<>(s.filter("a", e -> e.id().equals("a")), s.filter("b", e -> e.id().equals("b")),
            s.filter("c", e -> e.id().equals("c")));
    assertEquals(Set.of("g1"), leaky.sharedGroups());
    Splits<double[], String> clean =
        new Splits<>(s.filter("g1", e -> e.group().equals("g1")),
            s.filter("g2", e -> e.group().equals("g2")), s.filter("none", e -> false));
    assertEquals(Set.of(), clean.sharedGroups());
  }

  @Test
  @DisplayName("audio clips copy their samples and refuse bad rates and NaN")
  void audioClip() {
    float[] s = {0.5f, -0.5f, 0.25f, 0f};
    AudioClip c = AudioClip.of(s, 8000);
    s[0] = 9;
    assertEquals(0.5f, c.sample(0));
    float[] out = c.samples();
    out[1] = 9;
    assertEquals(-0.5f, c.sample(1));
    assertEquals(500_000, c.duration().toNanos());
    assertEquals(Math.sqrt((0.25 + 0.25 + 0.0625) / 4), c.rms(), 1e-12);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AudioClip.of(new float[1], 0));
    assertTrue(e.getMessage().contains("was 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AudioClip.of(new float[] {0, Float.NaN}, 8000));
    assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    assertEquals(AudioClip.of(new float[] {0.5f, -0.5f, 0.25f, 0f}, 8000), c);
  }
}
