package dev.ciclo.serve;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What the hostile gRPC tests send that no gRPC client would: bytes as they are, raw HTTP/2. */
final class RawGrpc {
  private RawGrpc() {}

  /** A marshaller of bytes as they are, whatever they are. */
  static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream in) {
      try {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A unary method of the service with {@link Bytes} both ways. */
  static MethodDescriptor<byte[], byte[]> method(String fullName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullName)
        .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes()).build();
  }

  /** The client's connection preface and an empty SETTINGS frame. */
  static void preface(ByteArrayOutputStream out) {
    out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
  }

  /** A gRPC call's request headers for {@code path}, as an HPACK block of literals. */
  static byte[] headers(String path) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (String[] h : new String[][] {{":method", "POST"}, {":scheme", "http"},
        {":path", path}, {":authority", "x"}, {"content-type", "application/grpc"},
        {"te", "trailers"}}) {
      block.write(0); // literal, not indexed, new name; lengths under 127
      block.write(h[0].length());
      block.writeBytes(h[0].getBytes(StandardCharsets.US_ASCII));
      block.write(h[1].length());
      block.writeBytes(h[1].getBytes(StandardCharsets.US_ASCII));
    }
    return block.toByteArray();
  }
}
