package dev.ciclo.kafka;

import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.core.log.PredictionRecordJson;
import dev.ciclo.core.log.RecordMessage;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import javax.crypto.SecretKey;

/**
 * A Kafka message's value: the record in core's {@link RecordMessage} frame, and in the frame's
 * tail its raw input encrypted with the subject's key, inline or by reference to the payload
 * store.
 *
 * <pre>
 * 'C' 1 | int n | n bytes: record JSON (PredictionRecordJson, with the input's plain PayloadRef)
 *       | 0                                  no raw input
 *       | 1 | int m | m bytes: 12-byte IV + AES-GCM ciphertext   inline
 *       | 2 | 32-byte SHA-256 | int m                            ciphertext in the payload store
 * </pre>
 */
record Envelope(PredictionRecord record, int kind, byte[] inline, String storedSha, int storedSize) {
  static final int NONE = 0;
  static final int INLINE = 1;
  static final int STORED = 2;

  /** A message of a record with no raw input: the JSON is written straight into the message. */
  static byte[] encode(PredictionRecord r) {
    byte[] out = RecordMessage.write(r, null, 1);
    out[out.length - 1] = NONE; // the kind, the message's last byte
    return out;
  }

  /**
   * A message of a record with its raw input sealed inline: the record and the encrypted input
   * are written straight into the message (one array per message, sized once).
   */
  static byte[] encodeInline(PredictionRecord r, PayloadRef ref, SecretKey key, byte[] plain) {
    int m = Sealing.sealedLength(plain.length);
    byte[] out = RecordMessage.write(r, ref, 1 + 4 + m);
    int at = out.length - (1 + 4 + m);
    out[at] = INLINE;
    ByteBuffer.wrap(out).putInt(at + 1, m);
    Sealing.seal(key, r.requestId(), plain, out, at + 5);
    return out;
  }

  /** A message of a record whose sealed raw input is in the payload store. */
  static byte[] encodeStored(PredictionRecord r, PayloadRef ref, String storedSha,
      int storedSize) {
    byte[] out = RecordMessage.write(r, ref, 1 + 32 + 4);
    int at = out.length - (1 + 32 + 4);
    out[at] = STORED;
    System.arraycopy(HexFormat.of().parseHex(storedSha), 0, out, at + 1, 32);
    ByteBuffer.wrap(out).putInt(at + 33, storedSize);
    return out;
  }

  /**
   * Decodes a message value.
   *
   * @throws IllegalArgumentException if it is not an envelope of a known version, or torn
   */
  static Envelope decode(byte[] v) {
    RecordMessage.Frame f = RecordMessage.frame(v);
    PredictionRecord r = PredictionRecordJson.fromJson(v, f.jsonOffset(), f.jsonLength());
    ByteBuffer b = ByteBuffer.wrap(v);
    b.position(f.tailOffset());
    try {
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
