package dev.ciclo.api.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Raw bytes with a media type: the body of a request as the client sent it ({@code audio/wav},
 * {@code text/plain; charset=utf-8}, {@code application/json}).
 *
 * <p>Immutable: the bytes are copied in and out. Equal when the media types and bytes are equal.
 */
public final class RawPayload implements Payload {
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+");

  private final String mediaType;
  private final byte[] bytes;

  private RawPayload(String mediaType, byte[] bytes) {
    this.mediaType = mediaType;
    this.bytes = bytes;
  }

  /**
   * A payload of raw bytes.
   *
   * @param mediaType a media type {@code type/subtype} with optional {@code ;name=value}
   *     parameters; case and spaces around parameters are normalised
   * @param bytes the bytes, copied
   * @return the payload
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the media type is not of that form
   */
  public static RawPayload of(String mediaType, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new RawPayload(normalise(mediaType), bytes.clone());
  }

  /**
   * Normalises a media type: lower case, no spaces around {@code ;} and {@code =}.
   *
   * @param mediaType the media type as written, for example {@code Text/Plain; charset=UTF-8}
   * @return the normal form, for example {@code text/plain;charset=utf-8}
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is not {@code type/subtype} with optional
   *     {@code ;name=value} parameters
   */
  public static String normalise(String mediaType) {
    Objects.requireNonNull(mediaType, "mediaType");
    if (isNormal(mediaType)) {
      // the common case (a server's or log's own media types, already normal): one scan, no copy
      return mediaType;
    }
    String[] parts = mediaType.trim().toLowerCase(Locale.ROOT).split(";", -1);
    String[] ts = parts[0].trim().split("/", -1);
    if (ts.length != 2 || !TOKEN.matcher(ts[0]).matches() || !TOKEN.matcher(ts[1]).matches()) {
      throw new IllegalArgumentException(
          "mediaType must be type/subtype[;name=value...] but was '" + mediaType + "'");
    }
    StringBuilder out = new StringBuilder(ts[0]).append('/').append(ts[1]);
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", -1);
      if (kv.length != 2 || !TOKEN.matcher(kv[0].trim()).matches()
          || !TOKEN.matcher(kv[1].trim()).matches()) {
        throw new IllegalArgumentException(
            "mediaType must be type/subtype[;name=value...] but was '" + mediaType + "'");
      }
      out.append(';').append(kv[0].trim()).append('=').append(kv[1].trim());
    }
    return out.toString();
  }

  /**
   * Whether a media type is already in the normal form {@link #normalise} returns: {@code
   * type/subtype} then {@code ;name=value} parameters, every part a non-empty lower-case token.
   */
  static boolean isNormal(String m) {
    int n = m.length();
    int i = token(m, 0);
    if (i == 0 || i == n || m.charAt(i) != '/') {
      return false;
    }
    int j = token(m, i + 1);
    if (j == i + 1) {
      return false;
    }
    while (j < n) {
      if (m.charAt(j) != ';') {
        return false;
      }
      int k = token(m, j + 1);
      if (k == j + 1 || k == n || m.charAt(k) != '=') {
        return false;
      }
      j = token(m, k + 1);
      if (j == k + 1) {
        return false;
      }
    }
    return true;
  }

  /** The end of the run of token characters ({@code [a-z0-9!#$&^_.+-]}) that starts at i. */
  private static int token(String m, int i) {
    int n = m.length();
    while (i < n) {
      char c = m.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '!' || c == '#'
          || c == '$' || c == '&' || c == '^' || c == '_' || c == '.' || c == '+' || c == '-';
      if (!ok) {
        return i;
      }
      i++;
    }
    return n;
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  /**
   * The bytes.
   *
   * @return a fresh copy
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public byte[] canonicalBytes() {
    return bytes.clone();
  }

  /**
   * The bytes without a copy.
   *
   * @return a read-only buffer over the bytes
   */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  @Override
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawPayload p && p.mediaType.equals(mediaType)
        && Arrays.equals(p.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return mediaType.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RawPayload[" + mediaType + ", " + bytes.length + " bytes]";
  }
}
