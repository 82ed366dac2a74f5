package dev.ciclo.serve.cli;

import dev.ciclo.serve.InferenceServer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.ObjLongConsumer;

/**
 * The server's limits as command-line flags, one each: its name, its help text with the
 * default, and how its value sets an {@link InferenceServer.Builder}. Both serve command lines
 * ({@link ServeCommand#parse} and the {@code ciclo serve} of lifecycle-cli) take them from here,
 * so a limit is added, checked and documented in one place. Every value is a whole number.
 *
 * <p>Immutable and thread-safe.
 */
public enum ServerFlag {
  /** {@link InferenceServer.Builder#threads}. */
  THREADS(Integer.class, "--threads",
      "predictions at once (default: the number of processors, at least 2)",
      (s, v) -> s.threads((int) v)),
  /** {@link InferenceServer.Builder#maxInFlight}. */
  MAX_IN_FLIGHT(Integer.class, "--max-in-flight",
      "requests being answered at once, beyond them 503 (default: 256)",
      (s, v) -> s.maxInFlight((int) v)),
  /** {@link InferenceServer.Builder#maxConnections}. */
  MAX_CONNECTIONS(Integer.class, "--max-connections",
      "open connections per port, beyond them new ones wait in the accept backlog (default:"
          + " 10000, fewer under a low ulimit -n, and on gRPC's port under a small direct"
          + " memory)",
      (s, v) -> s.maxConnections((int) v)),
  /** {@link InferenceServer.Builder#maxRequestBytes}. */
  MAX_REQUEST_BYTES(Long.class, "--max-request-bytes",
      "the largest request body, beyond it 413 (default: 4194304)",
      (s, v) -> s.maxRequestBytes(v)),
  /** {@link InferenceServer.Builder#maxBufferedBytes}. */
  MAX_BUFFERED_BYTES(Long.class, "--max-buffered-bytes",
      "the bytes request bodies may hold together until answered, beyond them 503 (default:"
          + " max-in-flight x max-request-bytes, at most a quarter of the heap)",
      (s, v) -> s.maxBufferedBytes(v)),
  /** {@link InferenceServer.Builder#maxRowsPerRequest}. */
  MAX_ROWS(Integer.class, "--max-rows",
      "the most rows in one request, beyond them 413 (default: 1000)",
      (s, v) -> s.maxRowsPerRequest((int) v)),
  /** {@link InferenceServer.Builder#idleTimeout}. */
  IDLE_TIMEOUT_MS(Long.class, "--idle-timeout-ms",
      "close a connection silent this long (default: 30000)",
      (s, v) -> s.idleTimeout(Duration.ofMillis(v))),
  /** {@link InferenceServer.Builder#headerTimeout}. */
  HEADER_TIMEOUT_MS(Long.class, "--header-timeout-ms",
      "close a connection whose request headers take longer (default: 10000)",
      (s, v) -> s.headerTimeout(Duration.ofMillis(v))),
  /** {@link InferenceServer.Builder#bodyTimeout}. */
  BODY_TIMEOUT_MS(Long.class, "--body-timeout-ms",
      "408 for a request body that takes longer (default: 30000)",
      (s, v) -> s.bodyTimeout(Duration.ofMillis(v))),
  /** {@link InferenceServer.Builder#inlinePredictions}. */
  INLINE_MICROS(Long.class, "--inline-micros",
      "predict small requests on the I/O thread for a model whose recent answers each took at"
          + " most this many microseconds; 0: never (default: 200)",
      (s, v) -> s.inlinePredictions(Duration.of(v, ChronoUnit.MICROS)));

  private final Class<? extends Number> type;
  private final String flag;
  private final String description;
  /** Sets the parsed value (within an int for {@code Integer.class} flags). */
  private final ObjLongConsumer<InferenceServer.Builder> setter;

  ServerFlag(Class<? extends Number> type, String flag, String description,
      ObjLongConsumer<InferenceServer.Builder> setter) {
    this.type = type;
    this.flag = flag;
    this.description = description;
    this.setter = setter;
  }

  /**
   * The flag as typed.
   *
   * @return the flag, such as {@code --max-rows}
   */
  public String flag() {
    return flag;
  }

  /**
   * The type of the flag's value, for a command-line parser that converts values itself.
   *
   * @return {@code Integer.class} or {@code Long.class}
   */
  public Class<? extends Number> type() {
    return type;
  }

  /**
   * What the flag sets, with its default, for a command's help.
   *
   * @return one sentence without a final period
   */
  public String description() {
    return description;
  }

  /**
   * Sets this flag's value on a server's builder.
   *
   * @param server the builder
   * @param value the value as typed
   * @throws IllegalArgumentException if the value is not a whole number, or the builder refuses
   *     it; the message names the flag and the value
   */
  public void apply(InferenceServer.Builder server, String value) {
    long parsed = type == Integer.class ? integer(flag, value) : whole(flag, value);
    try {
      setter.accept(server, parsed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + parsed + ": " + e.getMessage(), e);
    }
  }

  /**
   * The flag of that name.
   *
   * @param flag a flag as typed, such as {@code --max-rows}
   * @return the flag, or null if no server limit has that name
   */
  static ServerFlag of(String flag) {
    for (ServerFlag f : values()) {
      if (f.flag.equals(flag)) {
        return f;
      }
    }
    return null;
  }

  /** An option's int value, or an error naming the option and the value. */
  static int integer(String option, String value) {
    long v = whole(option, value);
    if (v != (int) v) {
      throw new IllegalArgumentException(option + " must be a whole number from "
          + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " but was '" + value + "'");
    }
    return (int) v;
  }

  /** An option's long value, or an error naming the option and the value. */
  static long whole(String option, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number but was '" + value
          + "'");
    }
  }
}
