package dev.ciclo.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit IV; the request id is the associated data. Each thread keeps
 * its own {@link Cipher} and {@link SecureRandom} ({@code Cipher.getInstance} per record and one
 * shared generator were a measurable part of an append), and draws its IVs from its generator 64
 * at a time (one DRBG call per 12-byte IV cost about a third of encrypting a 2 KiB input).
 *
 * <p>IVs stay random: each is 12 bytes of DRBG output used once, so the chance of a repeated IV
 * under one key is that of random IVs (NIST SP 800-38D, 8.2.2 and 8.3: up to 2^32 messages per
 * key); a subject's key seals that subject's inputs only. A counter with a random prefix would
 * be cheaper still, but its bound depends on how many threads and processes ever seal under one
 * key (their prefixes must not collide), which the log does not control.
 */
final class Sealing {
  static final int IV = 12;
  static final int TAG_BITS = 128;
  private static final int IVS_PER_DRAW = 64;
  /**
   * This thread's cipher, DRBG and unused IVs, behind one lookup (each ThreadLocal lookup probes
   * the thread's map: a profile of a long-lived thread that had made many producers showed two
   * of them cost a tenth of an append).
   */
  private static final ThreadLocal<PerThread> LOCAL = ThreadLocal.withInitial(PerThread::new);

  /** A cipher, and random IVs drawn in bulk from the thread's generator, each handed out once. */
  private static final class PerThread {
    private final Cipher cipher;
    // DRBG (NIST SP 800-90A, seeded from the system) per thread: the default NativePRNG shares
    // one lock and one /dev/urandom buffer between all its instances
    private final SecureRandom random = drbg();
    private final byte[] pool = new byte[IV * IVS_PER_DRAW];
    private int next = pool.length;

    PerThread() {
      try {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available in this JVM", e);
      }
    }

    private static SecureRandom drbg() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (java.security.NoSuchAlgorithmException e) {
        return new SecureRandom();
      }
    }

    void takeIv(byte[] out, int offset) {
      if (next == pool.length) {
        random.nextBytes(pool);
        next = 0;
      }
      System.arraycopy(pool, next, out, offset, IV);
      next += IV;
    }
  }

  private Sealing() {}

  /** The length of a sealed input: IV, ciphertext and tag. */
  static int sealedLength(int plainLength) {
    return IV + plainLength + TAG_BITS / 8;
  }

  static byte[] seal(SecretKey key, String requestId, byte[] plain) {
    byte[] out = new byte[sealedLength(plain.length)];
    seal(key, requestId, plain, out, 0);
    return out;
  }

  /**
   * Seals into {@code out} from {@code offset}: IV, ciphertext and tag, {@link #sealedLength}
   * bytes.
   */
  static void seal(SecretKey key, String requestId, byte[] plain, byte[] out, int offset) {
    PerThread local = LOCAL.get();
    local.takeIv(out, offset);
    try {
      Cipher c = local.cipher;
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, out, offset, IV));
      c.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
      int n = c.doFinal(plain, 0, plain.length, out, offset + IV);
      if (n != plain.length + TAG_BITS / 8) {
        throw new IllegalStateException("AES-GCM wrote " + n + " bytes for " + plain.length);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** The plain bytes, or empty if the key does not open them (a wrong or replaced key). */
  static Optional<byte[]> open(SecretKey key, String requestId, byte[] sealed) {
    if (sealed.length < IV + TAG_BITS / 8) {
      return Optional.empty();
    }
    try {
      Cipher c = LOCAL.get().cipher;
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV));
      c.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
      return Optional.of(c.doFinal(ByteBuffer.wrap(sealed, IV, sealed.length - IV).array(),
          IV, sealed.length - IV));
    } catch (javax.crypto.AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }
}
