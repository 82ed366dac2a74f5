package dev.ciclo.monitor.sketch;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;

/**
 * What Java serialization writes for a {@link QuantileSketch} or a {@link CategoryCounts} (a
 * serialization proxy): a byte that says which of the two it is and the bytes of its compact
 * form ({@code toBytes()}). Reading it back goes through that type's {@code fromBytes}, so a
 * stream can only make a sketch that its own checks accept. The kind travels as a byte, not as
 * the enum, so that a shipped sketch costs only its compact form and a few bytes more.
 */
final class CompactForm implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  /** The types that ship in their compact form, each with its byte and how it is read back. */
  enum Kind {
    /** A {@link QuantileSketch}. */
    QUANTILES((byte) 1, "QuantileSketch"),
    /** A {@link CategoryCounts}. */
    CATEGORIES((byte) 2, "CategoryCounts");

    private final byte tag;
    private final String typeName;

    Kind(byte tag, String typeName) {
      this.tag = tag;
      this.typeName = typeName;
    }

    private Object read(byte[] bytes) {
      return switch (this) {
        case QUANTILES -> QuantileSketch.fromBytes(bytes);
        case CATEGORIES -> CategoryCounts.fromBytes(bytes);
      };
    }

    /**
     * What the type's own {@code readObject} throws: a stream that holds the type's fields
     * instead of its compact form was not written by this library.
     */
    InvalidObjectException notThroughForm() {
      return new InvalidObjectException("a " + typeName + " is read through its compact form");
    }
  }

  private final byte kind;
  private final byte[] bytes;

  CompactForm(Kind kind, byte[] bytes) {
    this.kind = kind.tag;
    this.bytes = bytes;
  }

  @Serial
  private Object readResolve() throws InvalidObjectException {
    for (Kind k : Kind.values()) {
      if (k.tag == kind) {
        try {
          return k.read(bytes);
        } catch (IllegalArgumentException e) {
          InvalidObjectException x = new InvalidObjectException("not a " + k.typeName + ": "
              + e.getMessage());
          x.initCause(e);
          throw x;
        }
      }
    }
    throw new InvalidObjectException("sketch kind must be 1 or 2 but was " + kind);
  }
}
