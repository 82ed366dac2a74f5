package dev.ciclo.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's meters on a Micrometer {@link MeterRegistry}: requests counted and timed per
 * model, version, endpoint and status code, and the named counters (swaps, shadow, logging).
 * Meters are looked up once per distinct key and cached, so the request path builds no tags.
 */
final class ServerMetrics {
  /** Latency histogram bucket bounds, seconds (Prometheus {@code le} values). */
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };
  private static final Duration[] SLOS = new Duration[BUCKETS.length];

  static {
    for (int i = 0; i < BUCKETS.length; i++) {
      SLOS[i] = Duration.ofNanos(Math.round(BUCKETS[i] * 1e9));
    }
  }

  private final MeterRegistry registry;
  private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  private final MultiGauge versions;

  private record RequestKey(String model, String version, String endpoint, int status) {}

  private record RequestMeters(Counter count, Counter errors, Timer latency) {}

  private record CounterKey(String name, String labels) {}

  ServerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.versions = MultiGauge.builder("ciclo.model.version.info")
        .description("The version each model serves (value 1).").register(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  void request(String model, String version, String endpoint, int status, long nanos) {
    RequestMeters m = requests.computeIfAbsent(
        new RequestKey(model, version, endpoint, status), this::meters);
    m.count.increment();
    if (m.errors != null) {
      m.errors.increment();
    }
    m.latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  private RequestMeters meters(RequestKey k) {
    Tags tags = Tags.of("model", k.model, "version", k.version, "endpoint", k.endpoint,
        "code", Integer.toString(k.status));
    Counter count = Counter.builder("ciclo.http.requests")
        .description("HTTP and gRPC requests answered, by model, version, endpoint and code.")
        .tags(tags).register(registry);
    Counter errors = k.status < 400 ? null : Counter.builder("ciclo.http.request.errors")
        .description("Requests answered with a 4xx or 5xx code.").tags(tags).register(registry);
    Timer latency = Timer.builder("ciclo.http.request.duration")
        .description("Time from reading a request to answering it.")
        .tags(tags).serviceLevelObjectives(SLOS).register(registry);
    return new RequestMeters(count, errors, latency);
  }

  /**
   * Adds to a counter given in the Prometheus spelling, for example
   * {@code ciclo_predictions_total} with the labels {@code model="m",version="3"}.
   */
  void count(String name, String labels, long n) {
    counter(name, labels).increment(n);
  }

  /** The counter {@link #count} adds to, for a caller that keeps it. */
  Counter counter(String name, String labels) {
    return counters.computeIfAbsent(new CounterKey(name, labels), this::counter);
  }

  private Counter counter(CounterKey k) {
    String base = k.name.endsWith("_total")
        ? k.name.substring(0, k.name.length() - "_total".length()) : k.name;
    return Counter.builder(base.replace('_', '.')).tags(parse(k.labels)).register(registry);
  }

  /** Parses {@code a="x",b="y"} (as {@link #modelLabel} and friends write it) into tags. */
  static Tags parse(String labels) {
    List<Tag> tags = new ArrayList<>();
    int i = 0;
    while (i < labels.length()) {
      int eq = labels.indexOf('=', i);
      String key = labels.substring(i, eq).trim();
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      for (; j < labels.length() && labels.charAt(j) != '"'; j++) {
        char c = labels.charAt(j);
        if (c == '\\' && j + 1 < labels.length()) {
          char d = labels.charAt(++j);
          v.append(d == 'n' ? '\n' : d);
        } else {
          v.append(c);
        }
      }
      tags.add(Tag.of(key, v.toString()));
      i = j + 1;
      if (i < labels.length() && labels.charAt(i) == ',') {
        i++;
      }
    }
    return Tags.of(tags);
  }

  /** Sets the {@code ciclo_model_version_info} rows to these models and versions. */
  void versions(Map<String, String> served) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    served.forEach((m, v) -> rows.add(MultiGauge.Row.of(Tags.of("model", m, "version", v), 1)));
    versions.register(rows, true);
  }

  static String modelLabel(String model) {
    return "model=\"" + escape(model) + "\"";
  }

  /** The Prometheus text, or {@code null} if the registry is not a Prometheus one. */
  String render() {
    return registry instanceof PrometheusMeterRegistry p ? p.scrape() : null;
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
