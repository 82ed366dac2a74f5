package dev.ciclo.api.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 that gathers small updates in an 8 KB block before handing them to the JDK's, for
 * dataset fingerprints.
 *
 * <p>The JDK digest hashes large arrays fast (with the CPU's SHA instructions where there are
 * any) but pays a call chain per {@code update}, which dominates when a fingerprint is written a
 * few bytes at a time. The bytes hashed, and so the result, are exactly those of a plain SHA-256
 * fed the same updates; {@link #putLong}, {@link #putDoubles} and {@link #putShortAscii} are
 * shortcuts that write the same bytes as the equivalent {@code update} calls. Not thread-safe:
 * one fingerprint, one thread.
 */
public final class BufferedSha256 extends MessageDigest {
  private static final int CAPACITY = 8192;
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final MessageDigest sha;
  private final byte[] buffer = new byte[CAPACITY];
  private int used;
  private BufferedSha256 scratch;

  /** An empty digest. */
  public BufferedSha256() {
    super("SHA-256");
    sha = plain();
  }

  /**
   * The JDK's SHA-256, unbuffered.
   *
   * @return a new digest
   * @throws IllegalStateException if the JDK has no SHA-256 (it must have one)
   */
  public static MessageDigest plain() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  /**
   * Appends {@code v} as 8 big-endian bytes, as eight {@code update(byte)} calls would.
   *
   * @param v the value
   */
  public void putLong(long v) {
    if (CAPACITY - used < Long.BYTES) {
      flush();
    }
    LONG_BE.set(buffer, used, v);
    used += Long.BYTES;
  }

  /**
   * Appends each value's {@link Double#doubleToLongBits} as 8 big-endian bytes, in order.
   *
   * @param values the values, not null
   */
  public void putDoubles(double[] values) {
    int i = 0;
    while (i < values.length) {
      if (CAPACITY - used < Long.BYTES) {
        flush();
      }
      int end = Math.min(values.length, i + (CAPACITY - used) / Long.BYTES);
      int at = used;
      for (; i < end; i++) {
        LONG_BE.set(buffer, at, Double.doubleToLongBits(values[i]));
        at += Long.BYTES;
      }
      used = at;
    }
  }

  /**
   * Appends a short ASCII string as one byte holding its length and then one byte per char,
   * which is its UTF-8 bytes after a one-byte length; writes nothing for any other string.
   *
   * @param s the string, not null
   * @return whether {@code s} had fewer than 128 chars, all below 128, and was written
   */
  public boolean putShortAscii(String s) {
    int n = s.length();
    if (n >= 0x80) {
      return false;
    }
    if (CAPACITY - used < n + 1) {
      flush();
    }
    int at = used + 1;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      buffer[at + i] = (byte) c;
    }
    buffer[used] = (byte) n;
    used = at + n;
    return true;
  }

  /**
   * A second digest owned by this one, for values hashed apart (set elements); the same object
   * each time, so it must be finished with {@code digest()} before it is used again.
   *
   * @return the scratch digest
   */
  public BufferedSha256 scratch() {
    if (scratch == null) {
      scratch = new BufferedSha256();
    }
    return scratch;
  }

  @Override
  protected void engineUpdate(byte input) {
    if (used == CAPACITY) {
      flush();
    }
    buffer[used++] = input;
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int len) {
    if (len > CAPACITY - used) {
      flush();
      if (len >= CAPACITY) {
        sha.update(input, offset, len);
        return;
      }
    }
    System.arraycopy(input, offset, buffer, used, len);
    used += len;
  }

  @Override
  protected int engineGetDigestLength() {
    return 32;
  }

  @Override
  protected byte[] engineDigest() {
    flush();
    return sha.digest();
  }

  @Override
  protected void engineReset() {
    used = 0;
    sha.reset();
    if (scratch != null) {
      scratch.reset(); // a put that threw mid-set may have left bytes in it
    }
  }

  private void flush() {
    if (used > 0) {
      sha.update(buffer, 0, used);
      used = 0;
    }
  }
}
