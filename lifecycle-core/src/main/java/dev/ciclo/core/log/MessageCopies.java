package dev.ciclo.core.log;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises, among one partition's messages read in order, a message byte-identical to one read
 * shortly before: the second copy of a message that a message-based log's producer wrote twice.
 * Every reader of such a log (the Kafka log's own reads and monitor, Spark's {@code LogFrames})
 * skips copies with it.
 *
 * <p><b>Why copies happen.</b> Kafka's idempotent producer without transactions still appends a
 * batch twice in one case: after an error on a partition (a broker restart, a leader change) it
 * bumps its epoch and resends the batches still in flight, and a batch the broker had appended
 * but not acknowledged is appended again (KIP-360). Both copies carry the same key, timestamp
 * and bytes, on the same partition, at most {@code max.in.flight.requests.per.connection} (5
 * with idempotence) batches apart. Two appends of different records never give the same bytes
 * (the record's request id, time, latency in nanoseconds, answer, signals, and a sealed input's
 * random nonce): only the very same record appended twice without a sealed input does, and it
 * is then read once too.
 *
 * <p><b>Memory.</b> Each message is remembered by the first 128 bits of its SHA-256 (a
 * collision is not a practical concern), for the last {@code recent} messages seen, about 80
 * bytes each: {@link #DEFAULT_RECENT} (8,192, about 640 KiB per partition) covers five batches
 * of 1,600 messages. Not thread-safe: one per partition and reader.
 */
public final class MessageCopies {
  /**
   * How many recent messages a partition's reader remembers by default: five producer batches
   * of 1,600 messages (Kafka's default {@code batch.size} of 16 KiB holds fewer than 100 of the
   * log's records; a producer whose batches hold more would need more).
   */
  public static final int DEFAULT_RECENT = 8_192;

  private record Id(long high, long low) {}

  private final Map<Id, Boolean> seen;
  private final MessageDigest sha256;

  /**
   * Remembers the last {@code recent} messages.
   *
   * @param recent how many messages to remember, at least 1
   * @throws IllegalArgumentException if {@code recent} is less than 1
   */
  public MessageCopies(int recent) {
    if (recent < 1) {
      throw new IllegalArgumentException("recent must be at least 1 but was " + recent);
    }
    this.seen = new LinkedHashMap<>(Math.min(recent, 1 << 12) * 2, 0.75f) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Id, Boolean> eldest) {
        return size() > recent;
      }
    };
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Remembers the last {@link #DEFAULT_RECENT} messages. */
  public MessageCopies() {
    this(DEFAULT_RECENT);
  }

  /**
   * Whether a message is not a copy of one of the recent messages, remembering it.
   *
   * @param message a message's value; null (a tombstone) is never a copy
   * @return false when a byte-identical message is among the recent ones
   */
  public boolean first(byte[] message) {
    if (message == null) {
      return true;
    }
    ByteBuffer d = ByteBuffer.wrap(sha256.digest(message));
    return seen.putIfAbsent(new Id(d.getLong(), d.getLong()), Boolean.TRUE) == null;
  }
}
