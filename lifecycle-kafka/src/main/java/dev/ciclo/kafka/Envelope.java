package dev.ciclo.kafka;

import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.core.log.PredictionRecordJson;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import javax.crypto.SecretKey;

/**
 * A Kafka message's value: the record in Ciclo's versioned record format, and its raw input
 * encrypted with the subject's key, inline or by reference to the payload store.
 *
 * <pre>
 * 'C' 1 | int n | n bytes: record JSON (PredictionRecordJson, with the input's plain PayloadRef)
 *       | 0                                  no raw input
 *       | 1 | int m | m bytes: 12-byte IV + AES-GCM ciphertext   inline
 *       | 2 | 32-byte SHA-256 | int m                            ciphertext in the payload store
 * </pre>
 */
record Envelope(PredictionRecord record, int kind, byte[] inline, String storedSha, int storedSize) {
  static final byte MAGIC = 'C';
  static final byte VERSION = 1;
  static final int NONE = 0;
  static final int INLINE = 1;
  static final int STORED = 2;

  private static final int HEADER = 2 + 4;

  /** A message of a record with no raw input: the JSON is written straight into the message. */
  static byte[] encode(PredictionRecord r) {
    byte[] out = PredictionRecordJson.toJson(r, null, HEADER, 1);
    header(out, out.length - HEADER - 1);
    out[out.length - 1] = NONE; // the kind, the message's last byte
    return out;
  }

  /**
   * A message of a record with its raw input sealed inline: the record and the encrypted input
   * are written straight into the message (one array per message, sized once).
   */
  static byte[] encodeInline(PredictionRecord r, PayloadRef ref, SecretKey key, byte[] plain) {
    int m = Sealing.sealedLength(plain.length);
    byte[] out = PredictionRecordJson.toJson(r, ref, HEADER, 1 + 4 + m);
    int at = out.length - (1 + 4 + m);
    header(out, at - HEADER);
    out[at++] = INLINE;
    at = putInt(out, at, m);
    Sealing.seal(key, r.requestId(), plain, out, at);
    return out;
  }

  /** A message of a record whose sealed raw input is in the payload store. */
  static byte[] encodeStored(PredictionRecord r, PayloadRef ref, String storedSha,
      int storedSize) {
    byte[] out = PredictionRecordJson.toJson(r, ref, HEADER, 1 + 32 + 4);
    int at = out.length - (1 + 32 + 4);
    header(out, at - HEADER);
    out[at++] = STORED;
    System.arraycopy(HexFormat.of().parseHex(storedSha), 0, out, at, 32);
    putInt(out, at + 32, storedSize);
    return out;
  }

  /** Writes magic, version and the length of the JSON that follows them. */
  private static void header(byte[] out, int jsonLength) {
    out[0] = MAGIC;
    out[1] = VERSION;
    putInt(out, 2, jsonLength);
  }

  /** Big-endian, as ByteBuffer reads it back; returns the next position. */
  private static int putInt(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
    return at + 4;
  }

  /**
   * Decodes a message value.
   *
   * @throws IllegalArgumentException if it is not an envelope of a known version, or torn
   */
  static Envelope decode(byte[] v) {
    if (v == null || v.length < 7) {
      throw new IllegalArgumentException("message of " + (v == null ? "no" : v.length)
          + " bytes is too short for a Ciclo record");
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    if (b.get() != MAGIC) {
      throw new IllegalArgumentException("message is not a Ciclo record (no magic byte)");
    }
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("record envelope version must be " + VERSION
          + " but was " + version);
    }
    try {
      int n = b.getInt();
      if (n < 0 || n > b.remaining()) {
        throw new IllegalArgumentException("record of " + n + " bytes in a message with "
            + b.remaining() + " left: truncated");
      }
      PredictionRecord r = PredictionRecordJson.fromJson(v, b.position(), n);
      b.position(b.position() + n);
      int kind = b.get();
      switch (kind) {
        case NONE:
          return new Envelope(r, NONE, null, null, 0);
        case INLINE: {
          int m = b.getInt();
          if (m < 0 || m != b.remaining()) {
            throw new IllegalArgumentException("inline input of " + m + " bytes but "
                + b.remaining() + " left: truncated");
          }
          byte[] c = new byte[m];
          b.get(c);
          return new Envelope(r, INLINE, c, null, 0);
        }
        case STORED: {
          byte[] sha = new byte[32];
          b.get(sha);
          return new Envelope(r, STORED, null, HexFormat.of().formatHex(sha), b.getInt());
        }
        default:
          throw new IllegalArgumentException("input kind must be 0, 1 or 2 but was " + kind);
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("message is truncated", e);
    }
  }
}
