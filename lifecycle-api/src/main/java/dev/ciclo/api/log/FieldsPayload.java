package dev.ciclo.api.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Named typed fields: a form, a table row, a query with its options.
 *
 * <p><b>Canonical bytes</b> (version 1, big-endian, as {@link DataOutputStream} writes): the byte
 * {@code 'F'}, the version byte {@code 1}, the field count as an int, then per field in name
 * order: the name ({@code writeUTF}), a tag byte ({@code 'D'} double, {@code 'L'} long,
 * {@code 'B'} boolean, {@code 'S'} string) and the value ({@code writeDouble},
 * {@code writeLong}, {@code writeBoolean}, or the string as an int length and UTF-8 bytes).
 *
 * @param fields the values by name, names not blank; copied and kept in name order
 */
public record FieldsPayload(Map<String, FieldValue> fields) implements Payload {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if the map, a name or a value is null
   * @throws IllegalArgumentException if a name is blank
   */
  public FieldsPayload {
    Objects.requireNonNull(fields, "fields");
    TreeMap<String, FieldValue> sorted = new TreeMap<>();
    fields.forEach((k, v) -> {
      Objects.requireNonNull(k, "field name");
      Objects.requireNonNull(v, "value of field " + k);
      if (k.isBlank()) {
        throw new IllegalArgumentException("field name must not be blank but was '" + k + "'");
      }
      sorted.put(k, v);
    });
    fields = java.util.Collections.unmodifiableSortedMap(sorted);
  }

  /**
   * Reads fields from their canonical bytes.
   *
   * @param bytes the canonical bytes
   * @return the payload
   * @throws IllegalArgumentException if the bytes are not version 1 fields
   */
  public static FieldsPayload fromCanonicalBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != 'F' || in.readByte() != 1) {
        throw new IllegalArgumentException("bytes are not version 1 fields");
      }
      int n = in.readInt();
      if (n < 0 || n > bytes.length) {
        throw new IllegalArgumentException("field count must fit the bytes but was " + n);
      }
      Map<String, FieldValue> m = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        int tag = in.readByte();
        FieldValue v = switch (tag) {
          case 'D' -> new FieldValue.DoubleValue(in.readDouble());
          case 'L' -> new FieldValue.LongValue(in.readLong());
          case 'B' -> new FieldValue.BooleanValue(in.readBoolean());
          case 'S' -> {
            int len = in.readInt();
            if (len < 0 || len > in.available()) {
              throw new IllegalArgumentException("string length of field " + name
                  + " must fit the bytes but was " + len);
            }
            yield new FieldValue.StringValue(new String(in.readNBytes(len),
                java.nio.charset.StandardCharsets.UTF_8));
          }
          default -> throw new IllegalArgumentException("tag of field " + name
              + " must be D, L, B or S but was " + tag);
        };
        m.put(name, v);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " bytes after the last field");
      }
      return new FieldsPayload(m);
    } catch (IOException e) {
      throw new IllegalArgumentException("bytes are not complete version 1 fields: " + e, e);
    }
  }

  @Override
  public String mediaType() {
    return FIELDS_MEDIA_TYPE;
  }

  @Override
  public byte[] canonicalBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 16 * fields.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte('F');
      out.writeByte(1);
      out.writeInt(fields.size());
      for (Map.Entry<String, FieldValue> e : fields.entrySet()) {
        out.writeUTF(e.getKey());
        FieldValue v = e.getValue();
        if (v instanceof FieldValue.DoubleValue d) {
          out.writeByte('D');
          out.writeDouble(d.value());
        } else if (v instanceof FieldValue.LongValue l) {
          out.writeByte('L');
          out.writeLong(l.value());
        } else if (v instanceof FieldValue.BooleanValue b) {
          out.writeByte('B');
          out.writeBoolean(b.value());
        } else {
          byte[] s = ((FieldValue.StringValue) v).value()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          out.writeByte('S');
          out.writeInt(s.length);
          out.write(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public int size() {
    return canonicalBytes().length;
  }
}
