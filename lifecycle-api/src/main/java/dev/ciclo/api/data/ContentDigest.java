package dev.ciclo.api.data;

import dev.ciclo.api.internal.BufferedSha256;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Feeds values into a SHA-256 digest in a stable, typed, length-prefixed form. */
final class ContentDigest {
  private ContentDigest() {}

  /**
   * A SHA-256 for fingerprints: buffered, so the many small updates of a dataset cost little
   * more than hashing its bytes; it hashes exactly the bytes a plain SHA-256 would.
   */
  static MessageDigest sha256() {
    return new BufferedSha256();
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  static void putLong(MessageDigest d, long v) {
    if (d instanceof BufferedSha256 b) {
      b.putLong(v);
      return;
    }
    for (int i = 56; i >= 0; i -= 8) {
      d.update((byte) (v >>> i));
    }
  }

  /**
   * Writes a length or count, {@code n >= 0}, as an unsigned LEB128 varint: 7 bits a byte, low
   * bits first, the high bit set on every byte but the last (one byte below 128).
   */
  static void putLength(MessageDigest d, int n) {
    while ((n & ~0x7F) != 0) {
      d.update((byte) (n | 0x80));
      n >>>= 7;
    }
    d.update((byte) n);
  }

  /** Writes the UTF-8 byte count as a varint, then the UTF-8 bytes. */
  static void putString(MessageDigest d, String s) {
    if (d instanceof BufferedSha256 b && b.putShortAscii(s)) {
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    putLength(d, bytes.length);
    d.update(bytes);
  }

  /**
   * Writes a type tag and the value (the tags are listed in {@link Dataset#fingerprint()}).
   * String, a final class that cannot be {@link Fingerprintable}, is tested first: it is the most
   * common value, and a failed interface test costs more than a class test.
   */
  static void put(MessageDigest d, Object value) {
    if (value == null) {
      d.update((byte) 0);
    } else if (value instanceof String s) {
      d.update((byte) 2);
      putString(d, s);
    } else if (value instanceof Fingerprintable f) {
      d.update((byte) 1);
      f.writeFingerprint(d);
    } else if (value instanceof Double || value instanceof Float) {
      d.update((byte) 3);
      putLong(d, Double.doubleToLongBits(((Number) value).doubleValue()));
    } else if (value instanceof Number n) {
      d.update((byte) 4);
      putString(d, n.toString());
    } else if (value instanceof Boolean b) {
      d.update((byte) (b ? 5 : 6));
    } else if (value instanceof Enum<?> e) {
      d.update((byte) 7);
      putString(d, e.getDeclaringClass().getName() + "." + e.name());
    } else if (value instanceof double[] a) {
      d.update((byte) 8);
      putLength(d, a.length);
      if (d instanceof BufferedSha256 b) {
        b.putDoubles(a);
      } else {
        for (double x : a) {
          putLong(d, Double.doubleToLongBits(x));
        }
      }
    } else if (value instanceof float[] a) {
      d.update((byte) 9);
      putLength(d, a.length);
      for (float x : a) {
        putLong(d, Float.floatToIntBits(x));
      }
    } else if (value instanceof int[] a) {
      d.update((byte) 10);
      putLength(d, a.length);
      for (int x : a) {
        putLong(d, x);
      }
    } else if (value instanceof long[] a) {
      d.update((byte) 11);
      putLength(d, a.length);
      for (long x : a) {
        putLong(d, x);
      }
    } else if (value instanceof byte[] a) {
      d.update((byte) 12);
      putLength(d, a.length);
      d.update(a);
    } else if (value instanceof short[] a) {
      d.update((byte) 13);
      putLength(d, a.length);
      for (short x : a) {
        putLong(d, x);
      }
    } else if (value instanceof Map<?, ?> m) {
      putMap(d, m);
    } else if (value instanceof Set<?> set) {
      putSet(d, set);
    } else if (value instanceof Collection<?> c) {
      d.update((byte) 16);
      putLength(d, c.size());
      for (Object o : c) {
        put(d, o);
      }
    } else if (value instanceof Record r) {
      d.update((byte) 17);
      putString(d, r.getClass().getName());
      for (RecordComponent rc : r.getClass().getRecordComponents()) {
        putString(d, rc.getName());
        try {
          rc.getAccessor().setAccessible(true);
          put(d, rc.getAccessor().invoke(r));
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
          throw new IllegalArgumentException(
              "cannot read record component " + rc.getName() + " of " + r.getClass().getName()
                  + " for the fingerprint; implement Fingerprintable",
              e);
        }
      }
    } else {
      throw new IllegalArgumentException(
          "cannot fingerprint a value of type "
              + value.getClass().getName()
              + ": expected a string, number, boolean, enum, primitive array, collection, map,"
              + " record or Fingerprintable");
    }
  }

  /** Writes tag 14, the entry count and the entries sorted by key as text. */
  static void putMap(MessageDigest d, Map<?, ?> m) {
    d.update((byte) 14);
    if (m.isEmpty()) {
      putLength(d, 0);
      return;
    }
    TreeMap<String, Object> sorted = new TreeMap<>();
    m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    putLength(d, sorted.size());
    sorted.forEach(
        (k, v) -> {
          putString(d, k);
          put(d, v);
        });
  }

  /**
   * Writes tag 15, the count of distinct element hashes and those hashes in hex, sorted, so that
   * iteration order does not matter.
   */
  static void putSet(MessageDigest d, Set<?> s) {
    d.update((byte) 15);
    if (s.isEmpty()) {
      putLength(d, 0);
      return;
    }
    MessageDigest inner = d instanceof BufferedSha256 b ? b.scratch() : sha256();
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Object o : s) {
      put(inner, o);
      sorted.put(hex(inner), o);
    }
    putLength(d, sorted.size());
    sorted.keySet().forEach(k -> putString(d, k));
  }
}
