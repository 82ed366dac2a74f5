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
 * shared generator were a measurable part of an append).
 */
final class Sealing {
  private static final int IV = 12;
  private static final int TAG_BITS = 128;
  // DRBG (NIST SP 800-90A, seeded from the system) per thread: the default NativePRNG shares
  // one lock and one /dev/urandom buffer between all its instances
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  });
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  });

  private Sealing() {}

  static byte[] seal(SecretKey key, String requestId, byte[] plain) {
    byte[] iv = new byte[IV];
    RANDOM.get().nextBytes(iv);
    try {
      Cipher c = CIPHER.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV + c.getOutputSize(plain.length)];
      System.arraycopy(iv, 0, out, 0, IV);
      c.doFinal(plain, 0, plain.length, out, IV);
      return out;
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
      Cipher c = CIPHER.get();
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
