package dev.ciclo.api.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor: shape, element type and data in row-major order, as an Open Inference Protocol v2
 * input carries it.
 *
 * <p><b>Canonical bytes</b> (version 1, big-endian): the byte {@code 'T'}, the version byte
 * {@code 1}, the element type's code (FP32 1, FP64 2, INT32 3, INT64 4, BOOL 5), the rank as an
 * int, each dimension as a long, then the elements: FP32 and INT32 in 4 bytes, FP64 and INT64 in
 * 8, BOOL in 1 (0 or 1).
 *
 * <p>Immutable. Equal when the canonical bytes are equal.
 */
public final class TensorPayload implements Payload {
  /** The type of the elements. */
  public enum ElementType {
    /** 32-bit IEEE float. */
    FP32(1, 4),
    /** 64-bit IEEE float. */
    FP64(2, 8),
    /** 32-bit signed integer. */
    INT32(3, 4),
    /** 64-bit signed integer. */
    INT64(4, 8),
    /** Boolean, 0 or 1. */
    BOOL(5, 1);

    private final int code;
    private final int width;

    ElementType(int code, int width) {
      this.code = code;
      this.width = width;
    }

    /**
     * Whether the elements are floating point.
     *
     * @return {@code true} for FP32 and FP64
     */
    public boolean isFloating() {
      return this == FP32 || this == FP64;
    }

    static ElementType ofCode(int code) {
      for (ElementType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new IllegalArgumentException("element type code must be 1 to 5 but was " + code);
    }
  }

  private static final int HEADER = 3 + 4;

  private final ElementType type;
  private final long[] shape;
  private final byte[] canonical;

  private TensorPayload(ElementType type, long[] shape, byte[] canonical) {
    this.type = type;
    this.shape = shape;
    this.canonical = canonical;
  }

  /**
   * A floating-point tensor.
   *
   * @param type FP32 (values are rounded to float) or FP64
   * @param shape the dimensions, each at least 0, whose product is {@code data.length}
   * @param data the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException if the type is not floating point or the shape does not
   *     match the data
   */
  public static TensorPayload ofDoubles(ElementType type, long[] shape, double[] data) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (!type.isFloating()) {
      throw new IllegalArgumentException("type must be FP32 or FP64 for doubles but was " + type);
    }
    ByteBuffer b = header(type, shape, data.length);
    for (double d : data) {
      if (type == ElementType.FP32) {
        b.putFloat((float) d);
      } else {
        b.putDouble(d);
      }
    }
    return new TensorPayload(type, shape.clone(), b.array());
  }

  /**
   * An integer or boolean tensor.
   *
   * @param type INT32 (each value must fit), INT64 or BOOL (each value 0 or 1)
   * @param shape the dimensions, each at least 0, whose product is {@code data.length}
   * @param data the elements in row-major order
   * @return the tensor
   * @throws IllegalArgumentException if the type is floating point, a value does not fit the
   *     type, or the shape does not match the data
   */
  public static TensorPayload ofLongs(ElementType type, long[] shape, long[] data) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (type.isFloating()) {
      throw new IllegalArgumentException("type must be INT32, INT64 or BOOL for longs but was "
          + type);
    }
    ByteBuffer b = header(type, shape, data.length);
    for (int i = 0; i < data.length; i++) {
      long v = data[i];
      switch (type) {
        case INT32 -> {
          if (v != (int) v) {
            throw new IllegalArgumentException("data[" + i + "] must fit INT32 but was " + v);
          }
          b.putInt((int) v);
        }
        case BOOL -> {
          if (v != 0 && v != 1) {
            throw new IllegalArgumentException("data[" + i + "] must be 0 or 1 for BOOL but was "
                + v);
          }
          b.put((byte) v);
        }
        default -> b.putLong(v);
      }
    }
    return new TensorPayload(type, shape.clone(), b.array());
  }

  /**
   * Reads a tensor from its canonical bytes.
   *
   * @param bytes the canonical bytes
   * @return the tensor
   * @throws IllegalArgumentException if the bytes are not a version 1 tensor
   */
  public static TensorPayload fromCanonicalBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < HEADER || bytes[0] != 'T' || bytes[1] != 1) {
      throw new IllegalArgumentException("bytes are not a version 1 tensor (" + bytes.length
          + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.position(2);
    ElementType type = ElementType.ofCode(b.get());
    int rank = b.getInt();
    if (rank < 0 || rank > (bytes.length - HEADER) / 8) {
      throw new IllegalArgumentException("tensor rank must fit the bytes but was " + rank);
    }
    long[] shape = new long[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = b.getLong();
    }
    long n = count(shape);
    if (n * type.width != b.remaining()) {
      throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " and type "
          + type + " needs " + n * type.width + " data bytes but has " + b.remaining());
    }
    return new TensorPayload(type, shape, bytes.clone());
  }

  private static ByteBuffer header(ElementType type, long[] shape, int n) {
    Objects.requireNonNull(shape, "shape");
    if (count(shape) != n) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
          + count(shape) + " elements but data has " + n);
    }
    long size = HEADER + 8L * shape.length + (long) n * type.width;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor must be under 2 GiB but needs " + size
          + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    b.put((byte) 'T').put((byte) 1).put((byte) type.code).putInt(shape.length);
    for (long d : shape) {
      b.putLong(d);
    }
    return b;
  }

  private static long count(long[] shape) {
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException("shape[" + i + "] must not be negative but was "
            + shape[i]);
      }
      n = Math.multiplyExact(n, shape[i]);
    }
    return n;
  }

  /**
   * The element type.
   *
   * @return the type
   */
  public ElementType elementType() {
    return type;
  }

  /**
   * The dimensions.
   *
   * @return a fresh copy
   */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * The elements as doubles (integers and booleans converted).
   *
   * @return a fresh array in row-major order
   */
  public double[] doubles() {
    ByteBuffer b = data();
    double[] out = new double[b.remaining() / type.width];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (type) {
        case FP32 -> b.getFloat();
        case FP64 -> b.getDouble();
        case INT32 -> b.getInt();
        case INT64 -> b.getLong();
        case BOOL -> b.get();
      };
    }
    return out;
  }

  /**
   * The elements as longs.
   *
   * @return a fresh array in row-major order
   * @throws IllegalStateException if the elements are floating point
   */
  public long[] longs() {
    if (type.isFloating()) {
      throw new IllegalStateException("a " + type + " tensor has no long values; use doubles()");
    }
    ByteBuffer b = data();
    long[] out = new long[b.remaining() / type.width];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (type) {
        case INT32 -> b.getInt();
        case BOOL -> b.get();
        default -> b.getLong();
      };
    }
    return out;
  }

  private ByteBuffer data() {
    ByteBuffer b = ByteBuffer.wrap(canonical).asReadOnlyBuffer();
    b.position(HEADER + 8 * shape.length);
    return b;
  }

  @Override
  public String mediaType() {
    return TENSOR_MEDIA_TYPE;
  }

  @Override
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  @Override
  public int size() {
    return canonical.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorPayload t && Arrays.equals(t.canonical, canonical);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return "TensorPayload[" + type + " " + Arrays.toString(shape) + "]";
  }
}
