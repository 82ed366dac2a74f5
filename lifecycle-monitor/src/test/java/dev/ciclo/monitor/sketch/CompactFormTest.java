package dev.ciclo.monitor.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.monitor.WindowSketches;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The compact form that Java serialization (and so Spark) ships sketches in. */
class CompactFormTest {
  private static final double[] QS = {0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1};

  static byte[] serialize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  static <T> T deserialize(byte[] bytes) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  static <T> T roundTrip(T o) {
    try {
      return deserialize(serialize(o));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static QuantileSketch filled(int k, long seed, int n) {
    QuantileSketch s = QuantileSketch.create(k);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      s.add(r.nextGaussian() * 3 + (i % 7));
    }
    return s;
  }

  private static void assertSame(QuantileSketch a, QuantileSketch b) {
    assertArrayEquals(a.toBytes(), b.toBytes());
    assertEquals(a.count(), b.count());
    assertEquals(a.retained(), b.retained());
    assertEquals(a.isExact(), b.isExact());
    if (a.count() > 0) {
      assertArrayEquals(a.quantiles(QS), b.quantiles(QS));
      assertEquals(a.min(), b.min());
      assertEquals(a.max(), b.max());
      assertEquals(a.mean(), b.mean());
      assertEquals(a.cdf(0.5), b.cdf(0.5));
    }
  }

  @Test
  @DisplayName("property: a sketch read back holds the same state, and adds and merges exactly as"
      + " the one written")
  void quantileRoundTrip() {
    qt().withExamples(40)
        .forAll(longs().all(), integers().between(0, 40_000), integers().between(0, 3),
            integers().between(0, 5_000))
        .checkAssert((seed, n, shards, more) -> {
          int k = 16 << (Math.floorMod(seed, 5) * 2); // 16, 64, 256, 1024, 4096
          QuantileSketch written = filled(k, seed, n);
          for (int i = 0; i < shards; i++) {
            written.merge(filled(k, seed + i + 1, n / (i + 2)));
          }
          QuantileSketch read = roundTrip(written);
          assertSame(written, read);
          // the same later history on both gives the same sketch
          SplittableRandom r1 = new SplittableRandom(~seed);
          SplittableRandom r2 = new SplittableRandom(~seed);
          for (int i = 0; i < more; i++) {
            written.add(r1.nextDouble());
            read.add(r2.nextDouble());
          }
          QuantileSketch other = filled(k, seed * 31, n);
          written.merge(other);
          read.merge(roundTrip(other));
          assertSame(written, read);
          QuantileSketch into = filled(k, seed * 17, more);
          QuantileSketch intoCopy = roundTrip(into);
          into.merge(written);
          intoCopy.merge(read);
          assertSame(into, intoCopy);
        });
  }

  @Test
  @DisplayName("shards shipped in the compact form merge to the quantiles of the shards merged"
      + " in place")
  void shippedShardsMergeAlike() {
    List<QuantileSketch> shards = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      shards.add(filled(1024, i, 62_500));
    }
    QuantileSketch inPlace = QuantileSketch.create();
    QuantileSketch shipped = roundTrip(QuantileSketch.create());
    for (QuantileSketch s : shards) {
      inPlace.merge(s);
      shipped = roundTrip(shipped);
      shipped.merge(roundTrip(s));
    }
    assertEquals(1_000_000, shipped.count());
    assertArrayEquals(inPlace.quantiles(QS), shipped.quantiles(QS));
    assertArrayEquals(inPlace.representative(1000), shipped.representative(1000));
    assertSame(inPlace, shipped);
  }

  @Test
  @DisplayName("a million values ship in about 8 bytes per retained value, not in full level"
      + " buffers")
  void compact() {
    QuantileSketch s = filled(1024, 3, 1_000_000);
    int form = s.toBytes().length;
    int levels = (form - 42 - 8 * s.retained()) / 4;
    assertEquals(42 + 4 * levels + 8 * s.retained(), form);
    assertTrue(levels >= 10 && levels <= 12, "levels " + levels);
    int serialized = serialize(s).length;
    assertTrue(serialized - form < 200, "serialized " + serialized + " for a form of " + form);
    assertTrue(serialized < 9 * s.retained(), "serialized " + serialized + " for "
        + s.retained() + " values");
    QuantileSketch empty = QuantileSketch.create();
    assertEquals(46, empty.toBytes().length);
    assertSame(empty, roundTrip(empty));
  }

  @Test
  @DisplayName("bytes that are not a sketch's form are refused with the reason")
  void corruptSketch() {
    byte[] good = filled(64, 1, 1000).toBytes();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantileSketch.fromBytes(Arrays.copyOf(good, good.length - 3)));
    assertTrue(e.getMessage().contains("truncated")
        || e.getMessage().startsWith("level "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> QuantileSketch.fromBytes(Arrays.copyOf(good, good.length + 8)));
    assertEquals("8 bytes after the last level", e.getMessage());
    byte[] version = good.clone();
    version[0] = 9;
    e = assertThrows(IllegalArgumentException.class, () -> QuantileSketch.fromBytes(version));
    assertEquals("sketch form version must be 1 but was 9", e.getMessage());
    byte[] count = good.clone();
    count[12] ^= 1; // the count's lowest byte
    e = assertThrows(IllegalArgumentException.class, () -> QuantileSketch.fromBytes(count));
    assertTrue(e.getMessage().startsWith("count 1001, min "), e.getMessage());
    // through Java serialization: the stream reads, the form inside it does not
    byte[] serialized = serialize(filled(64, 1, 1000));
    serialized[indexOf(serialized, good)] = 9;
    InvalidObjectException x = assertThrows(InvalidObjectException.class,
        () -> deserialize(serialized));
    assertEquals("not a QuantileSketch: sketch form version must be 1 but was 9",
        x.getMessage());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("form not found in the serialized bytes");
  }

  private static List<Map.Entry<String, Long>> entries(CategoryCounts c) {
    return new ArrayList<>(c.asMap().entrySet());
  }

  @Test
  @DisplayName("category counts read back keep counts, first-seen order and the limit, so later"
      + " merges put the same categories under (other)")
  void countsRoundTrip() {
    CategoryCounts a = CategoryCounts.create(5);
    for (String s : List.of("é", "b", "a", "b", "", "c", "d", "e", "f", "a")) {
      a.add(s);
    }
    a.add("z", 40);
    CategoryCounts read = roundTrip(a);
    assertEquals(entries(a), entries(read));
    assertEquals(a.total(), read.total());
    assertArrayEquals(a.toBytes(), read.toBytes());
    CategoryCounts other = CategoryCounts.create(5);
    other.add("q", 3);
    other.add("a", 2);
    a.merge(other);
    read.merge(roundTrip(other));
    assertEquals(entries(a), entries(read));
    assertEquals(List.of("é", "b", "a", "", "c", CategoryCounts.OTHER),
        List.copyOf(read.asMap().keySet()));
    assertEquals(a.total(), read.total());
    CategoryCounts empty = roundTrip(CategoryCounts.create());
    assertEquals(0, empty.total());
    empty.add("x");
    assertEquals(Map.of("x", 1L), empty.asMap());
  }

  @Test
  @DisplayName("bytes that are not counts' form are refused with the reason")
  void corruptCounts() {
    CategoryCounts c = CategoryCounts.create(3);
    c.add("a", 2);
    byte[] good = c.toBytes();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CategoryCounts.fromBytes(Arrays.copyOf(good, good.length - 1)));
    assertEquals("the counts form is truncated (" + (good.length - 1) + " bytes)",
        e.getMessage());
    byte[] limit = good.clone();
    limit[4] = 0; // limit 3 becomes 0
    e = assertThrows(IllegalArgumentException.class, () -> CategoryCounts.fromBytes(limit));
    assertEquals("maxCategories must be at least 1 but was 0", e.getMessage());
    byte[] negative = good.clone();
    negative[good.length - 8] = (byte) 0x80;
    e = assertThrows(IllegalArgumentException.class, () -> CategoryCounts.fromBytes(negative));
    assertTrue(e.getMessage().startsWith("count must not be negative but was -"),
        e.getMessage());
  }

  @Test
  @DisplayName("a window summary (what Spark's encoder ships) is its sketches' compact forms and"
      + " a few bytes per feature, and reads back identical")
  void windowSummary() {
    List<String> numeric = List.of("a", "b", "c");
    WindowSketches w = WindowSketches.create(numeric, List.of("speaker"), true, true);
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 200_000; i++) {
      for (String f : numeric) {
        w.numeric(f).add(r.nextGaussian());
      }
      w.categorical("speaker").add("s" + r.nextInt(30));
      w.predictions().add(r.nextBoolean() ? "yes" : "no");
      w.confidence().add(r.nextDouble());
      w.countRecord(java.time.Instant.ofEpochMilli(i));
    }
    w.countBadValue();
    int forms = w.confidence().toBytes().length + w.categorical("speaker").toBytes().length
        + w.predictions().toBytes().length;
    for (String f : numeric) {
      forms += w.numeric(f).toBytes().length;
    }
    byte[] shipped = serialize(w);
    assertTrue(shipped.length - forms < 1_200, "shipped " + shipped.length + " bytes for forms of "
        + forms);
    WindowSketches read = roundTrip(w);
    for (String f : numeric) {
      assertSame(w.numeric(f), read.numeric(f));
    }
    assertSame(w.confidence(), read.confidence());
    assertEquals(entries(w.categorical("speaker")), entries(read.categorical("speaker")));
    assertEquals(entries(w.predictions()), entries(read.predictions()));
    assertEquals(List.of(w.records(), w.skipped(), w.badValues()),
        List.of(read.records(), read.skipped(), read.badValues()));
    read.merge(w);
    w.merge(roundTrip(w));
    for (String f : numeric) {
      assertSame(w.numeric(f), read.numeric(f));
    }
  }
}
