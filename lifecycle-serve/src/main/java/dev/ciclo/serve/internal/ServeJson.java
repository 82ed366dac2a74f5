package dev.ciclo.serve.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of lifecycle-serve (issue #16: one {@code ObjectMapper}
 * configuration per module): the server's request reader and answer writer, the serve command's
 * {@code version.json} reader and {@code HttpPredictor}'s request writer and answer reader all
 * use {@link #MAPPER} or its factory. Not API: this package is exported to no one but protobuf
 * and the benchmarks.
 *
 * <p>What it sets, and why:
 *
 * <ul>
 *   <li>{@code NaN}, {@code Infinity} are read as numbers, so that a request holding one is
 *       told "must be a finite number" instead of "not valid JSON";
 *   <li>a duplicate field and anything after the root value are errors, not silently the last
 *       value or ignored;
 *   <li>doubles are written with the shortest digits that read back to the same value and read
 *       correctly rounded (Jackson's fast writer and parser): exact both ways, and several times
 *       faster than {@code Double.toString} and {@code parseDouble} on the request path.
 * </ul>
 *
 * <p>A mapper is thread-safe once configured; nobody may reconfigure this one.
 */
public final class ServeJson {
  /** The module's mapper. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  private ServeJson() {}
}
