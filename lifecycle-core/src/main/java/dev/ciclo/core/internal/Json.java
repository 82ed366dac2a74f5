package dev.ciclo.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of {@code lifecycle-core}: Jackson's defaults, tree model only
 * (no data binding of Ciclo's types). Files a person reads (manifests, registry and run records)
 * are written with {@link #PRETTY}; log lines with {@link #MAPPER}, compact. Both are
 * thread-safe.
 */
public final class Json {
  /** The mapper: reads trees, makes nodes, writes compact JSON. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** The same mapper's writer, indented, for files a person reads. */
  public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}
}
