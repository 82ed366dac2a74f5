package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.core.log.PredictionRecordJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A Kafka message's envelope")
class EnvelopeTest {
  private static PredictionRecord record(long seed, Consent consent) {
    SplittableRandom r = new SplittableRandom(seed);
    String subject = r.nextBoolean() ? "user-" + r.nextInt(1000) : "";
    return PredictionRecord.of("r" + r.nextInt(), Instant.ofEpochSecond(
        r.nextLong(0, 4_000_000_000L), r.nextInt(1_000_000_000)), "digits", "3",
        Map.of("rms", Signal.of(r.nextDouble()), "device", Signal.of(r.nextBoolean() ? "android"
            : "caf\u00e9 \"x\"")), Integer.toString(r.nextInt(10)),
        Map.of(Integer.toString(r.nextInt(10)), r.nextDouble()),
        Duration.ofNanos(r.nextLong(0, Long.MAX_VALUE)), consent, subject);
  }

  private static SecretKey key(long seed) {
    byte[] k = new byte[32];
    new SplittableRandom(seed).nextBytes(k);
    return new SecretKeySpec(k, "AES");
  }

  private static byte[] bytes(long seed, int n) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /** The SHA-256 as an independent MessageDigest computes it. */
  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** The layout the encoder had before it sealed in place: ByteBuffer puts of the parts. */
  private static byte[] byteBufferLayout(byte[] json, int kind, byte[] inline) {
    ByteBuffer b = ByteBuffer.allocate(2 + 4 + json.length + 1 + (kind == 1 ? 4
        + inline.length : 0));
    b.put((byte) 'C').put((byte) 1).putInt(json.length).put(json).put((byte) kind);
    if (kind == 1) {
      b.putInt(inline.length).put(inline);
    }
    return b.array();
  }

  @Test
  @DisplayName("an inline input decrypts with javax.crypto directly (IV first, request id as"
      + " associated data), the record reads back with its input's SHA-256, and the bytes are"
      + " the layout version 1 always had")
  void inline() {
    qt().withExamples(300).forAll(longs().all(), integers().between(0, 5000))
        .checkAssert((seed, size) -> {
          PredictionRecord r = record(seed, Consent.TRAINING);
          byte[] plain = bytes(seed + 1, size);
          SecretKey key = key(seed + 2);
          try {
            PayloadRef ref = new PayloadRef(sha256(plain), "audio/wav", size);
            byte[] m = Envelope.encodeInline(r, ref, key, plain);
            Envelope e = Envelope.decode(m);
            assertEquals(Envelope.INLINE, e.kind());
            assertEquals(r.withInput(Optional.of(ref)), e.record());
            byte[] sealed = e.inline();
            assertEquals(12 + size + 16, sealed.length);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128,
                Arrays.copyOfRange(sealed, 0, 12)));
            c.updateAAD(r.requestId().getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(plain, c.doFinal(sealed, 12, sealed.length - 12));
            assertArrayEquals(plain, Sealing.open(key, r.requestId(), sealed).orElseThrow());
            byte[] json = PredictionRecordJson.toJson(r.withInput(Optional.of(ref)));
            assertArrayEquals(byteBufferLayout(json, 1, sealed), m);
          } catch (Exception ex) {
            throw new AssertionError(ex);
          }
        });
  }

  @Test
  @DisplayName("a record without input, and one whose input is in the payload store, read back")
  void noneAndStored() {
    qt().withExamples(300).forAll(longs().all(), integers().between(0, 1 << 20))
        .checkAssert((seed, size) -> {
          PredictionRecord r = record(seed, Consent.MONITORING);
          byte[] m = Envelope.encode(r);
          assertArrayEquals(byteBufferLayout(PredictionRecordJson.toJson(r), 0, null), m);
          Envelope e = Envelope.decode(m);
          assertEquals(Envelope.NONE, e.kind());
          assertEquals(r, e.record());
          assertNull(e.inline());
          PredictionRecord t = record(seed, Consent.TRAINING);
          String sha = HexFormat.of().formatHex(bytes(seed, 32));
          PayloadRef ref = new PayloadRef(HexFormat.of().formatHex(bytes(seed + 1, 32)),
              "text/plain;charset=utf-8", size);
          Envelope s = Envelope.decode(Envelope.encodeStored(t, ref, sha, size + 28));
          assertEquals(Envelope.STORED, s.kind());
          assertEquals(t.withInput(Optional.of(ref)), s.record());
          assertEquals(sha, s.storedSha());
          assertEquals(size + 28, s.storedSize());
        });
  }

  @Test
  @DisplayName("IVs drawn in bulk are not repeated within a thread, nor between threads")
  void ivs() throws Exception {
    SecretKey key = key(1);
    Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Runnable seal = () -> {
      for (int i = 0; i < 5000; i++) {
        byte[] s = Sealing.seal(key, "r", new byte[1]);
        if (!seen.add(HexFormat.of().formatHex(s, 0, 12))) {
          throw new AssertionError("IV repeated: " + HexFormat.of().formatHex(s, 0, 12));
        }
      }
    };
    Thread other = new Thread(seal);
    other.start();
    seal.run();
    other.join();
    assertEquals(10_000, new HashSet<>(seen).size());
  }
}
