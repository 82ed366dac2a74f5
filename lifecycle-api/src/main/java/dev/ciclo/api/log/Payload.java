package dev.ciclo.api.log;

/**
 * A request's input x as it arrived, kept typed: raw bytes with a media type ({@link RawPayload},
 * a WAV clip as the app sent it), a tensor ({@link TensorPayload}, an Open Inference Protocol
 * input) or named typed fields ({@link FieldsPayload}, a form or a table row).
 *
 * <p>Every payload has a canonical byte form ({@link RawPayload} its bytes; the other two the
 * encodings their classes document) and a media type; a payload store addresses it by the
 * SHA-256 of those bytes. Payloads are immutable and thread-safe.
 */
public sealed interface Payload permits RawPayload, TensorPayload, FieldsPayload {
  /** Media type of a {@link TensorPayload}'s canonical bytes. */
  String TENSOR_MEDIA_TYPE = "application/vnd.ciclo.tensor";

  /** Media type of a {@link FieldsPayload}'s canonical bytes. */
  String FIELDS_MEDIA_TYPE = "application/vnd.ciclo.fields";

  /**
   * The media type of the payload's canonical bytes, lower case, without spaces around
   * parameters ({@code audio/wav}, {@code text/plain;charset=utf-8}).
   *
   * @return the media type
   */
  String mediaType();

  /**
   * The canonical bytes: what a payload store keeps and hashes.
   *
   * @return a fresh copy
   */
  byte[] canonicalBytes();

  /**
   * The number of canonical bytes.
   *
   * @return the size
   */
  int size();
}
