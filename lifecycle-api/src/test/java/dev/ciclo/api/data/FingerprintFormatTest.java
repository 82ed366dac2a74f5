package dev.ciclo.api.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.features.FeatureVector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint format is a promise: a dataset saved in a run record must give the same
 * fingerprint when it is read again by a later version. The golden values below were computed by
 * the byte-at-a-time implementation, before the digest was buffered, and again at the two
 * changes of format since (a feature vector writes the hash of its names instead of the names;
 * lengths and counts are varints instead of 8-byte longs); the hand-encoded ones are checked
 * against the format written out in Python's hashlib. A change to any of them is a change of
 * format and must be said in the Javadoc of {@link Dataset#fingerprint()}.
 */
class FingerprintFormatTest {
  /** A record input: its class name and component names are part of its fingerprint. */
  record Point(int x, String label) {}

  /** An enum input: its declaring class and name are part of its fingerprint. */
  enum Colour {
    RED,
    GREEN
  }

  static Dataset<Object, Object> scalars() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", List.of(1, 2.5, "three"));
    nested.put("a", Map.of("inner", true));
    List<Example<Object, Object>> ex = new ArrayList<>();
    ex.add(new Example<>("s1", "plain text", 7, "g1", Set.of("noisy", "car"),
        Map.of("snrDb", "5", "speaker", "ana")));
    ex.add(new Example<>("s2", 42L, 0.25, "g1", Set.of("noisy"), Map.of()));
    ex.add(new Example<>("s3", 1.5f, true, "g2", Set.of(), Map.of("k", "v")));
    ex.add(Example.of("s4", new BigDecimal("3.14159"), false));
    ex.add(Example.of("s5", Colour.GREEN, "label"));
    ex.add(Example.of("s6", Arrays.asList("a", null, "c"), "label"));
    ex.add(Example.of("s7", nested, "label"));
    ex.add(Example.of("s8", Set.of(3, 1, 2), "label"));
    ex.add(Example.of("s9", new Point(4, "four"), Colour.RED));
    ex.add(Example.of("s10", "\u00f1and\u00fa \u00fc \u65e5\u672c", "\u00e9"));
    ex.add(Example.of("s11", Set.of(), Map.of()));
    ex.add(Example.of("s12", List.of(), List.of(Set.of("x"))));
    return Dataset.of("scalars", ex);
  }

  static Dataset<Object, String> arrays() {
    List<Example<Object, String>> ex = new ArrayList<>();
    ex.add(Example.of("d", new double[] {0.0, -0.0, 1e300, -2.5}, "y"));
    ex.add(Example.of("f", new float[] {1.5f, -3f}, "y"));
    ex.add(Example.of("i", new int[] {-1, 0, Integer.MAX_VALUE}, "y"));
    ex.add(Example.of("l", new long[] {Long.MIN_VALUE, 9}, "y"));
    ex.add(Example.of("b", new byte[] {-128, 0, 127}, "y"));
    ex.add(Example.of("h", new short[] {-300, 300}, "y"));
    ex.add(Example.of("e", new double[0], "y"));
    byte[] big = new byte[20_000];
    new SplittableRandom(3).nextBytes(big);
    ex.add(Example.of("big", big, "y"));
    ex.add(Example.of("long", "abc".repeat(5_000), "y"));
    return Dataset.of("arrays", ex);
  }

  static Dataset<FeatureVector, String> vectors() {
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    ex.add(new Example<>("v1", FeatureVector.of(List.of("ab", "c"), new double[] {1, 2}), "x",
        "g", Set.of("t"), Map.of("m", "1")));
    ex.add(Example.of("v2", FeatureVector.of(List.of("a", "bc"), new double[] {1, 2}), "x"));
    ex.add(Example.of("v3", FeatureVector.indexed("f", 0.5, -0.5, 3), "z"));
    ex.add(Example.of("v4", FeatureVector.of(List.of(), new double[0]), "z"));
    return Dataset.of("vectors", ex);
  }

  /** The shape of the training benchmark: 3000 examples of 20 features sharing a name list. */
  static Dataset<FeatureVector, String> benchShaped() {
    SplittableRandom r = new SplittableRandom(7);
    String[] names = new String[20];
    for (int j = 0; j < names.length; j++) {
      names[j] = "x" + j;
    }
    List<String> nameList = List.of(names);
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double[] v = new double[names.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = r.nextGaussian();
      }
      ex.add(Example.of("e" + i, FeatureVector.of(nameList, v), "class" + i % 5));
    }
    return Dataset.of("bench", ex);
  }

  static Dataset<AudioClip, String> clips() {
    float[] tone = new float[16_000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) Math.sin(2 * Math.PI * 440 * i / 16_000.0);
    }
    List<Example<AudioClip, String>> ex = new ArrayList<>();
    ex.add(new Example<>("tone", AudioClip.of(tone, 16_000), "a", "spk1", Set.of("clean"),
        Map.of("snrDb", "60")));
    ex.add(Example.of("short", AudioClip.of(new float[] {0.5f, -0.5f}, 8_000), "b"));
    return Dataset.of("clips", ex);
  }

  @Test
  @DisplayName("the format matches an encoding written out by hand (Python hashlib)")
  void handEncoded() {
    // count, id, tag 2 + target, group, tag 15 + 0 tags, tag 14 + 0 entries, tag 2 + input;
    // every count and length is an unsigned LEB128 varint (here one byte)
    assertEquals("3adde96f3d573085fc7d760fa6f59fd2ec02506127fe75913a0cea5d7c8aa93f",
        Dataset.of("h", List.of(Example.of("a", "b", "c"))).fingerprint());
    // ... tag 1 + the vector: the SHA-256 of (name count, then each name's length and UTF-8,
    // as big-endian ints), then the values
    assertEquals("2f34832232a61c5db6a48f4638c60e94056bf26aed89951cdbbafebde2d6ef19",
        Dataset.of("h", List.of(Example.of("v",
            FeatureVector.of(List.of("ab", "c"), new double[] {1, 2}), "x"))).fingerprint());
    // two-byte varints: 300 ASCII chars, and 70 two-byte chars (140 UTF-8 bytes)
    assertEquals("0a964d82e32dee80eb7e57a1614c485c60052a484179499ae2c6f5d008652d56",
        Dataset.of("h", List.of(Example.of("a", "z".repeat(300), "c"))).fingerprint());
    assertEquals("4f50a1a3c73f84ed58a1ad414ec83a90033b3204d89e2a6578614023843d87b4",
        Dataset.of("h", List.of(Example.of("a", "\u00f1".repeat(70), "c"))).fingerprint());
  }

  @Test
  @DisplayName("fingerprints of known datasets keep their golden values")
  void goldenValues() {
    assertAll(
        () -> assertEquals(
            "7fd02dc872a966d07c207df057ca1c9863b1bd9448e87823f27790e685db473d",
            scalars().fingerprint(), "scalars"),
        () -> assertEquals(
            "04b36fd372336fcdeb3ea52c47a7ad1aa55698c16f13cc4fb78d5144278e0235",
            arrays().fingerprint(), "arrays"),
        () -> assertEquals(
            "b008ad20d39172ed80c5f79547832b8836fef300c34319e847b3ce4760f9b801",
            vectors().fingerprint(), "vectors"),
        () -> assertEquals(
            "91fc6c03f271249165cc44d48adb2c7605da581dc0eca5af897c5f06a78a6a43",
            benchShaped().fingerprint(), "bench"),
        () -> assertEquals(
            "b5c5f5c979a17e194bc17a538558a5de07ce4a403a8548604d6f9189e9f053dd",
            clips().fingerprint(), "clips"),
        () -> assertEquals(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            Dataset.of("e", List.of()).fingerprint(), "empty"));
  }

  private static Dataset<FeatureVector, String> oneVector(List<String> names, double... values) {
    return Dataset.of("v", List.of(Example.of("i", FeatureVector.of(names, values), "y")));
  }

  @Test
  @DisplayName("vectors with other names, shifted name boundaries or moved values differ")
  void vectorsDistinct() {
    List<String> fingerprints = List.of(
        oneVector(List.of("ab", "c"), 1, 2).fingerprint(),
        oneVector(List.of("a", "bc"), 1, 2).fingerprint(),
        oneVector(List.of("ab", "d"), 1, 2).fingerprint(),
        oneVector(List.of("c", "ab"), 1, 2).fingerprint(),
        oneVector(List.of("ab", "c"), 2, 1).fingerprint(),
        oneVector(List.of("ab", "c"), 1, -2).fingerprint(),
        oneVector(List.of("ab", "c", "d"), 1, 2, 0).fingerprint(),
        oneVector(List.of("abc"), 1).fingerprint());
    assertEquals(fingerprints.size(), Set.copyOf(fingerprints).size(), fingerprints.toString());
  }

  @Test
  @DisplayName("equal name lists give equal fingerprints whether or not they are one object")
  void namesByContent() {
    List<String> shared = List.of("x", "y");
    String f = oneVector(shared, 1, 2).fingerprint();
    // lists that are equal but not the same object, with others in between to evict the cache
    assertEquals(f, oneVector(new ArrayList<>(shared), 1, 2).fingerprint());
    oneVector(List.of("p", "q"), 1, 2).fingerprint();
    assertEquals(f, oneVector(List.of("x", "y"), 1, 2).fingerprint());
    Dataset<FeatureVector, String> alternating = Dataset.of("alt", List.of(
        Example.of("1", FeatureVector.of(shared, new double[] {1, 2}), "y"),
        Example.of("2", FeatureVector.of(List.of("p", "q"), new double[] {1, 2}), "y"),
        Example.of("3", FeatureVector.of(shared, new double[] {1, 2}), "y")));
    Dataset<FeatureVector, String> copied = Dataset.of("alt", List.of(
        Example.of("1", FeatureVector.of(List.of("x", "y"), new double[] {1, 2}), "y"),
        Example.of("2", FeatureVector.of(List.of("p", "q"), new double[] {1, 2}), "y"),
        Example.of("3", FeatureVector.of(List.of("x", "y"), new double[] {1, 2}), "y")));
    assertEquals(alternating.fingerprint(), copied.fingerprint());
  }

  @Test
  @DisplayName("the order of examples and each example's id, target and group count")
  void examplePartsCount() {
    List<String> names = List.of("a", "b");
    Example<FeatureVector, String> e1 =
        Example.of("e1", FeatureVector.of(names, new double[] {1, 2}), "x");
    Example<FeatureVector, String> e2 =
        Example.of("e2", FeatureVector.of(names, new double[] {3, 4}), "x");
    List<String> fingerprints = List.of(
        Dataset.of("d", List.of(e1, e2)).fingerprint(),
        Dataset.of("d", List.of(e2, e1)).fingerprint(),
        Dataset.of("d", List.of(e1)).fingerprint(),
        Dataset.of("d", List.of(e1, e1)).fingerprint(),
        Dataset.of("d", List.of(e1, new Example<>("e3", e2.input(), "x", "e2", Set.of(), Map.of())))
            .fingerprint(),
        Dataset.of("d", List.of(e1, new Example<>("e2", e2.input(), "z", "e2", Set.of(), Map.of())))
            .fingerprint(),
        Dataset.of("d", List.of(e1, e2.withGroup("g"))).fingerprint(),
        Dataset.of("d", List.of(e1, e2.withTags("t"))).fingerprint(),
        Dataset.of("d", List.of(e1, e2.withMetadata("k", "v"))).fingerprint(),
        // the boundary between id and group shifted: ("e", "2g") against ("e2", "g")
        Dataset.of("d", List.of(new Example<>("e", e2.input(), "x", "2g", Set.of(), Map.of())))
            .fingerprint(),
        Dataset.of("d", List.of(new Example<>("e2", e2.input(), "x", "g", Set.of(), Map.of())))
            .fingerprint());
    assertEquals(fingerprints.size(), Set.copyOf(fingerprints).size(), fingerprints.toString());
  }
}
