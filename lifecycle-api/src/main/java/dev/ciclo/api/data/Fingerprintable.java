package dev.ciclo.api.data;

import java.security.MessageDigest;

/**
 * An input type that can feed its content into a dataset fingerprint.
 *
 * <p>Implement it for host input types that the fingerprint does not know (it knows strings,
 * numbers, booleans, enums, primitive arrays, lists, sets, maps and records of those). The bytes
 * written must depend only on the content, never on identity or on the JVM, so that the same data
 * gives the same fingerprint on every run. They must also tell contents apart: write lengths or
 * counts before variable-length parts, so that moving a boundary changes the bytes. The digest
 * that {@link Dataset#fingerprint()} hands in gathers small updates before hashing them, so
 * writing a field at a time costs little.
 */
@FunctionalInterface
public interface Fingerprintable {
  /**
   * Writes this value's content into {@code digest}.
   *
   * @param digest the digest to update, never null
   */
  void writeFingerprint(MessageDigest digest);
}
