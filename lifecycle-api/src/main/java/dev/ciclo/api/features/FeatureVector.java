package dev.ciclo.api.features;

import dev.ciclo.api.data.Fingerprintable;
import dev.ciclo.api.internal.BufferedSha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Named, finite feature values in a fixed order.
 *
 * <p>Immutable and thread-safe. The name list is shared between vectors made from the same
 * unmodifiable list, so many vectors cost little more than their values.
 */
public final class FeatureVector implements Fingerprintable {
  private final List<String> names;
  private final double[] values;

  private FeatureVector(List<String> names, double[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * A vector from names and values; the values are copied.
   *
   * @param names one distinct, non-blank name per value
   * @param values the values, each finite
   * @return the vector
   * @throws NullPointerException if an argument or a name is null
   * @throws IllegalArgumentException if the sizes differ, a name is blank or repeated, or a
   *     value is NaN or infinite
   */
  public static FeatureVector of(List<String> names, double[] values) {
    List<String> n = List.copyOf(names);
    Objects.requireNonNull(values, "values");
    if (n.size() != values.length) {
      throw new IllegalArgumentException(
          "names and values must have the same size but were " + n.size() + " and "
              + values.length);
    }
    double[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "feature '" + n.get(i) + "' must be a finite number but was " + v[i]);
      }
    }
    if (n.size() < 64) {
      for (int i = 0; i < n.size(); i++) {
        if (n.get(i).isBlank()) {
          throw new IllegalArgumentException("feature name " + i + " must not be blank");
        }
        for (int j = 0; j < i; j++) {
          if (n.get(i).equals(n.get(j))) {
            throw new IllegalArgumentException("feature name '" + n.get(i) + "' is repeated");
          }
        }
      }
    } else if (new java.util.HashSet<>(n).size() != n.size()
        || n.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("feature names must be distinct and not blank: " + n);
    }
    return new FeatureVector(n, v);
  }

  /**
   * A vector whose features are named {@code prefix0}, {@code prefix1}, ...
   *
   * @param prefix the name prefix, not null
   * @param values the values, each finite
   * @return the vector
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static FeatureVector indexed(String prefix, double... values) {
    Objects.requireNonNull(prefix, "prefix");
    String[] n = new String[values.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = prefix + i;
    }
    return of(List.of(n), values);
  }

  /**
   * The number of features.
   *
   * @return the size
   */
  public int size() {
    return values.length;
  }

  /**
   * The feature names, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return names;
  }

  /**
   * The name of one feature.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the name
   */
  public String name(int index) {
    return names.get(index);
  }

  /**
   * The value of one feature.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the value
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double get(int index) {
    return values[Objects.checkIndex(index, values.length)];
  }

  /**
   * The value of a named feature.
   *
   * @param name the feature's name
   * @return the value
   * @throws IllegalArgumentException if there is no feature of that name
   */
  public double get(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no feature named '" + name + "'; names are " + names);
    }
    return values[i];
  }

  /**
   * A copy of the values.
   *
   * @return a new array
   */
  public double[] toArray() {
    return values.clone();
  }

  /**
   * Feeds the SHA-256 of the names and then the values into the digest: 32 + 8 &times; size bytes.
   *
   * <p>The names' SHA-256 is over their count and then each name's length and UTF-8 bytes, the
   * count and lengths as 4-byte big-endian ints; the values follow as the big-endian IEEE 754 bits
   * of each, 8 bytes apiece, their count being that of the names. Hashing the name list apart
   * keeps its cost out of every example: vectors that share one list (as those of one dataset
   * do) reuse its hash. Different names or values give different bytes, so the fingerprint of a
   * dataset still tells them apart. (Earlier snapshots wrote the names themselves into every
   * vector; fingerprints of datasets of vectors computed by them differ.)
   *
   * @param digest the digest to update, never null
   */
  @Override
  public void writeFingerprint(MessageDigest digest) {
    digest.update(namesHash(names));
    if (digest instanceof BufferedSha256 b) {
      b.putDoubles(values);
      return;
    }
    byte[] bits = new byte[Long.BYTES * values.length];
    for (int i = 0; i < values.length; i++) {
      LONG_BE.set(bits, Long.BYTES * i, Double.doubleToLongBits(values[i]));
    }
    digest.update(bits);
  }

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** The hash of the last name list seen: vectors of one dataset share their list. */
  private static volatile NamesHash lastNames;

  private static final class NamesHash {
    final List<String> names;
    final byte[] sha256;

    NamesHash(List<String> names, byte[] sha256) {
      this.names = names;
      this.sha256 = sha256;
    }
  }

  private static byte[] namesHash(List<String> names) {
    NamesHash cached = lastNames;
    if (cached != null && cached.names == names) {
      return cached.sha256;
    }
    MessageDigest sha = BufferedSha256.plain();
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(names.size()).array());
    for (String n : names) {
      byte[] b = n.getBytes(StandardCharsets.UTF_8);
      sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(b.length).array());
      sha.update(b);
    }
    byte[] hash = sha.digest();
    lastNames = new NamesHash(names, hash);
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureVector other
        && names.equals(other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FeatureVector{");
    for (int i = 0; i < values.length && i < 8; i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
    }
    return sb.append(values.length > 8 ? ", ...}" : "}").toString();
  }
}
