package dev.ciclo.core.log;

import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;

/**
 * The frame a message-based log backend gives one record: the layout of a Kafka log message's
 * value ({@code dev.ciclo.kafka.KafkaPredictionLog}) that every reader of such messages (the
 * Kafka log itself, Spark's {@code LogFrames}) shares, so the format has one definition.
 *
 * <pre>
 * 'C' | 1 | int n (big-endian) | n bytes: the record's JSON ({@link PredictionRecordJson}) | tail
 * </pre>
 *
 * The tail is the backend's own (the Kafka log writes a kind byte and its sealed raw input
 * there). Stateless and thread-safe.
 */
public final class RecordMessage {
  /** The first byte of every message. */
  public static final byte MAGIC = 'C';
  /** The frame's version, its second byte. */
  public static final byte VERSION = 1;
  /** Bytes ahead of the JSON: magic, version and the JSON's length. */
  public static final int HEADER = 2 + 4;

  private RecordMessage() {}

  /**
   * Where a message's record is.
   *
   * @param jsonOffset where the record's JSON starts ({@link #HEADER})
   * @param jsonLength its length in bytes
   * @param tailOffset where the backend's tail starts, right after the JSON
   */
  public record Frame(int jsonOffset, int jsonLength, int tailOffset) {}

  /**
   * Writes a message with the record's JSON and {@code tail} zero bytes behind it for the caller
   * to fill, without copying the JSON (it is written in place).
   *
   * @param r the record
   * @param input the reference to its logged input in place of its own, or null for its own
   * @param tail the backend's bytes behind the JSON, at least 0
   * @return the message; its tail starts at {@code length - tail}
   * @throws IllegalArgumentException if {@code tail} is negative, or {@code input} is given and
   *     the record's consent does not allow keeping its input
   */
  public static byte[] write(PredictionRecord r, PayloadRef input, int tail) {
    byte[] out = PredictionRecordJson.toJson(r, input, HEADER, tail);
    int n = out.length - HEADER - tail;
    out[0] = MAGIC;
    out[1] = VERSION;
    putInt(out, 2, n);
    return out;
  }

  /**
   * Finds the record in a message, checking its frame (not the JSON: read that with {@link
   * PredictionRecordJson#fromJson}).
   *
   * @param message a message's bytes
   * @return where the record's JSON and the tail are
   * @throws IllegalArgumentException if the message is null, too short, without the magic byte,
   *     of another version, or shorter than its JSON's length says (truncated); the message says
   *     which
   */
  public static Frame frame(byte[] message) {
    if (message == null || message.length < HEADER + 1) {
      throw new IllegalArgumentException("message of " + (message == null ? "no"
          : message.length) + " bytes is too short for a Ciclo record");
    }
    if (message[0] != MAGIC) {
      throw new IllegalArgumentException("message is not a Ciclo record (no magic byte)");
    }
    if (message[1] != VERSION) {
      throw new IllegalArgumentException("record envelope version must be " + VERSION
          + " but was " + message[1]);
    }
    int n = getInt(message, 2);
    int left = message.length - HEADER;
    if (n < 0 || n > left) {
      throw new IllegalArgumentException("record of " + n + " bytes in a message with " + left
          + " left: truncated");
    }
    return new Frame(HEADER, n, HEADER + n);
  }

  /** Big-endian, as {@link java.nio.ByteBuffer} reads it. */
  private static void putInt(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }
}
