package dev.ciclo.serve;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that JSON is written into by hand, for the answers on the request path:
 * the same bytes as Jackson's generator under {@link dev.ciclo.serve.internal.ServeJson}'s
 * configuration (strings escaped by Jackson's own encoder, doubles by its shortest round-trip
 * writer, NaN and infinities quoted), with no generator, context objects or stream to build per
 * answer. Not thread-safe; one per answer.
 */
final class JsonBytes {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private byte[] buf;
  private int len;

  JsonBytes(int capacity) {
    this.buf = new byte[capacity];
  }

  /** Text that is plain ASCII with nothing to escape (field names, punctuation). */
  JsonBytes raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  JsonBytes raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** A JSON string, quoted and escaped as Jackson escapes it. */
  JsonBytes string(String s) {
    int n = s.length();
    boolean plain = true;
    for (int i = 0; i < n && plain; i++) {
      char c = s.charAt(i);
      plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }
    if (plain) {
      ensure(n + 2);
      buf[len++] = '"';
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
      buf[len++] = '"';
      return this;
    }
    // Jackson's escapes (control characters, quote, backslash), then UTF-8 as its generator
    // writes it: a character outside the Basic Multilingual Plane as its two \\u escapes.
    char[] quoted = JsonStringEncoder.getInstance().quoteAsString(s);
    ensure(quoted.length * 6 + 2);
    buf[len++] = '"';
    for (char c : quoted) {
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xc0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        for (int shift = 12; shift >= 0; shift -= 4) {
          buf[len++] = (byte) HEX[(c >> shift) & 0xf];
        }
      } else {
        buf[len++] = (byte) (0xe0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    buf[len++] = '"';
    return this;
  }

  JsonBytes number(long v) {
    ensure(20);
    len = NumberOutput.outputLong(v, buf, len);
    return this;
  }

  /** A double as Jackson's fast writer writes it; NaN and infinities as quoted strings. */
  JsonBytes number(double d) {
    if (!Double.isFinite(d)) {
      return string(String.valueOf(d));
    }
    return raw(NumberOutput.toString(d, true));
  }

  /** The bytes written, as a buffer over this array (not a copy): write nothing more after. */
  ByteBuffer toByteBuffer() {
    return ByteBuffer.wrap(buf, 0, len);
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
