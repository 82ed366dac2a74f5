package dev.ciclo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.BufferedSha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
  /** A "digest" that returns the bytes it was given, to read what was written. */
  private static final class Recorder extends MessageDigest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Recorder() {
      super("record");
    }

    @Override
    protected void engineUpdate(byte input) {
      out.write(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      out.write(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      byte[] bytes = out.toByteArray();
      out.reset();
      return bytes;
    }

    @Override
    protected void engineReset() {
      out.reset();
    }
  }

  /**
   * Applies one update, chosen by {@code op}, to both digests: a single byte, a slice of an array
   * (up to 20,000 bytes, so larger than the buffer) or a long.
   */
  private static void apply(int op, MessageDigest buffered, MessageDigest plain) {
    switch (op % 3) {
      case 0 -> {
        buffered.update((byte) op);
        plain.update((byte) op);
      }
      case 1 -> {
        byte[] a = new byte[op / 3 + 5];
        new SplittableRandom(op).nextBytes(a);
        buffered.update(a, 2, a.length - 5);
        plain.update(a, 2, a.length - 5);
      }
      default -> {
        long v = op * 0x9E3779B97F4A7C15L;
        ContentDigest.putLong(buffered, v);
        ContentDigest.putLong(plain, v);
      }
    }
  }

  @Test
  @DisplayName("property: any mix of bytes, arrays and longs hashes as a plain SHA-256 does")
  void sameAsPlain() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 60_000)).ofSizeBetween(0, 60))
        .checkAssert(
            ops -> {
              MessageDigest buffered = ContentDigest.sha256();
              MessageDigest plain = BufferedSha256.plain();
              ops.forEach(op -> apply(op, buffered, plain));
              assertArrayEquals(plain.digest(), buffered.digest(), ops.toString());
              // digest() resets: the same digest object is reusable
              ops.forEach(op -> apply(op, buffered, plain));
              assertArrayEquals(plain.digest(), buffered.digest(), ops.toString());
            });
  }

  @Test
  @DisplayName("reset drops buffered bytes as well as hashed ones")
  void resetDropsEverything() {
    MessageDigest d = ContentDigest.sha256();
    d.update(new byte[20_000]);
    d.update((byte) 1);
    d.reset();
    d.update("abc".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HexFormat.of().formatHex(d.digest()));
    assertEquals(32, d.getDigestLength());
    assertEquals("SHA-256", d.getAlgorithm());
  }

  @Test
  @DisplayName("a set hashes the same through a buffered and a plain digest, nested sets too")
  void setsThroughScratch() {
    Object value = List.of(Set.of("b", "a"), Set.of(Set.of(1, 2)));
    MessageDigest buffered = ContentDigest.sha256();
    MessageDigest plain = BufferedSha256.plain();
    ContentDigest.put(buffered, value);
    ContentDigest.put(plain, value);
    byte[] expected = plain.digest();
    assertArrayEquals(expected, buffered.digest());
    ContentDigest.put(buffered, List.of(Set.of("a", "c")));
    assertNotEquals(HexFormat.of().formatHex(expected), ContentDigest.hex(buffered));
  }

  @Test
  @DisplayName("property: vectors and double arrays hash the same through buffered and plain")
  void vectorsSameAsPlain() {
    qt().withExamples(200)
        .forAll(lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(0, 40))
        .checkAssert(
            values -> {
              double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
              FeatureVector f = FeatureVector.indexed("f", v);
              MessageDigest buffered = ContentDigest.sha256();
              MessageDigest plain = BufferedSha256.plain();
              for (Object o : List.of(f, v, f)) {
                ContentDigest.put(buffered, o);
                ContentDigest.put(plain, o);
              }
              assertArrayEquals(plain.digest(), buffered.digest(), values.toString());
            });
  }

  @Test
  @DisplayName("property: strings hash the same through buffered and plain, ASCII or not")
  void stringsSameAsPlain() {
    qt().withExamples(300)
        .forAll(
            strings().basicLatinAlphabet().ofLengthBetween(0, 300),
            strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(
            (ascii, any) -> {
              MessageDigest buffered = ContentDigest.sha256();
              MessageDigest plain = BufferedSha256.plain();
              for (String s : List.of(ascii, any, ascii + any, any + ascii)) {
                ContentDigest.putString(buffered, s);
                ContentDigest.putString(plain, s);
              }
              assertArrayEquals(plain.digest(), buffered.digest(), ascii + " / " + any);
            });
  }

  @Test
  @DisplayName("lengths are varints: one byte below 128, then 7 bits a byte, low bits first")
  void varints() {
    int[] lengths = {0, 1, 127, 128, 300, 16_383, 16_384, Integer.MAX_VALUE};
    String[] hex = {"00", "01", "7f", "8001", "ac02", "ff7f", "808001", "ffffffff07"};
    for (int i = 0; i < lengths.length; i++) {
      MessageDigest recorder = new Recorder();
      ContentDigest.putLength(recorder, lengths[i]);
      assertEquals(hex[i], HexFormat.of().formatHex(recorder.digest()), "length " + lengths[i]);
    }
  }
}
