package dev.ciclo.core.serve;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Counters and a latency histogram, written in the Prometheus text format (version 0.0.4). */
final class ServerMetrics {
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final DoubleAdder sum = new DoubleAdder();
    final LongAdder count = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
          break;
        }
      }
      sum.add(seconds);
      count.increment();
    }
  }

  void request(String model, String endpoint, int status, long nanos) {
    String labels = "model=\"" + escape(model) + "\",endpoint=\"" + endpoint + "\"";
    requests.computeIfAbsent(labels + ",code=\"" + status + "\"", k -> new LongAdder()).increment();
    if (status >= 400) {
      errors.computeIfAbsent(labels + ",code=\"" + status + "\"", k -> new LongAdder()).increment();
    }
    latency.computeIfAbsent(labels, k -> new Histogram()).observe(nanos / 1e9);
  }

  /** Adds to a counter named {@code ciclo_<name>_total} with the given label text. */
  void count(String name, String labels, long n) {
    counters.computeIfAbsent(name + "{" + labels + "}", k -> new LongAdder()).add(n);
  }

  long counter(String name, String labels) {
    LongAdder a = counters.get(name + "{" + labels + "}");
    return a == null ? 0 : a.sum();
  }

  static String modelLabel(String model) {
    return "model=\"" + escape(model) + "\"";
  }

  String render(Supplier<Map<String, String>> versions) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# HELP ciclo_http_requests_total HTTP requests answered, by model, endpoint and"
        + " status code.\n# TYPE ciclo_http_requests_total counter\n");
    lines(sb, "ciclo_http_requests_total", requests);
    sb.append("# HELP ciclo_http_request_errors_total HTTP requests answered with a 4xx or 5xx"
        + " code.\n# TYPE ciclo_http_request_errors_total counter\n");
    lines(sb, "ciclo_http_request_errors_total", errors);
    sb.append("# HELP ciclo_http_request_duration_seconds Time from reading a request to"
        + " answering it.\n# TYPE ciclo_http_request_duration_seconds histogram\n");
    for (Map.Entry<String, Histogram> e : new TreeMap<>(latency).entrySet()) {
      Histogram h = e.getValue();
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += h.buckets[i].sum();
        sb.append("ciclo_http_request_duration_seconds_bucket{").append(e.getKey())
            .append(",le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
      }
      long count = h.count.sum();
      sb.append("ciclo_http_request_duration_seconds_bucket{").append(e.getKey())
          .append(",le=\"+Inf\"} ").append(count).append('\n');
      sb.append("ciclo_http_request_duration_seconds_sum{").append(e.getKey()).append("} ")
          .append(h.sum.sum()).append('\n');
      sb.append("ciclo_http_request_duration_seconds_count{").append(e.getKey()).append("} ")
          .append(count).append('\n');
    }
    sb.append("# HELP ciclo_model_version_info The version each model serves (value 1).\n"
        + "# TYPE ciclo_model_version_info gauge\n");
    for (Map.Entry<String, String> e : new TreeMap<>(versions.get()).entrySet()) {
      sb.append("ciclo_model_version_info{model=\"").append(escape(e.getKey()))
          .append("\",version=\"").append(escape(e.getValue())).append("\"} 1\n");
    }
    Map<String, TreeMap<String, Long>> byName = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          String name = k.substring(0, k.indexOf('{'));
          byName.computeIfAbsent(name, n -> new TreeMap<>()).put(k, v.sum());
        });
    for (Map.Entry<String, TreeMap<String, Long>> e : byName.entrySet()) {
      sb.append("# TYPE ").append(e.getKey()).append(" counter\n");
      e.getValue().forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
    }
    return sb.toString();
  }

  private static void lines(StringBuilder sb, String name, Map<String, LongAdder> values) {
    new TreeMap<>(values)
        .forEach((k, v) -> sb.append(name).append('{').append(k).append("} ").append(v.sum())
            .append('\n'));
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
