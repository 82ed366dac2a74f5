package dev.ciclo.kafka;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a message whose value is byte-identical to one already seen: the second copy of a
 * message the producer sent again.
 *
 * <p>An idempotent producer without transactions still writes a message twice in one case: after
 * an error on a partition (a broker restart, a leader change) it bumps its epoch and resends the
 * batches still in flight, and a batch the broker had appended but not acknowledged is appended
 * again under the new epoch (KIP-360; the Java client bumps on every such error). Both copies
 * carry the same key, timestamp and value. Two appends of different records never give the same
 * value: it holds the record's request id, time, latency to the nanosecond, answer and signals,
 * and a sealed input's fresh random nonce. Only the very same record appended twice without a
 * sealed input does, and it is then read once too.
 *
 * <p>Values are remembered by the first 128 bits of their SHA-256 (16 bytes each, plus the set's
 * overhead), so memory grows with the number of distinct messages seen, not their size. Not
 * thread-safe.
 */
final class Repeats {
  private record Id(long high, long low) {}

  private final Set<Id> seen = new HashSet<>();
  private final MessageDigest sha256;

  Repeats() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Whether this value is seen for the first time (and remembers it).
   *
   * @param value a message's value; null (a tombstone) is never a repeat
   * @return false when a byte-identical value was seen before
   */
  boolean first(byte[] value) {
    if (value == null) {
      return true;
    }
    ByteBuffer d = ByteBuffer.wrap(sha256.digest(value));
    return seen.add(new Id(d.getLong(), d.getLong()));
  }
}
