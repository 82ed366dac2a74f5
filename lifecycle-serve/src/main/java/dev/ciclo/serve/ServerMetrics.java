package dev.ciclo.serve;

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

  private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<LatencyKey, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<CounterKey, LongAdder> counters = new ConcurrentHashMap<>();

  // Record keys: no label text is built on the request path, only when /metrics is rendered.
  private record RequestKey(String model, String endpoint, int status) {}

  private record LatencyKey(String model, String endpoint) {
    String labels() {
      return "model=\"" + escape(model) + "\",endpoint=\"" + endpoint + "\"";
    }
  }

  private record CounterKey(String name, String labels) {}

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
    requests.computeIfAbsent(new RequestKey(model, endpoint, status), k -> new LongAdder())
        .increment();
    latency.computeIfAbsent(new LatencyKey(model, endpoint), k -> new Histogram())
        .observe(nanos / 1e9);
  }

  /** Adds to the counter {@code name} with the given label text. */
  void count(String name, String labels, long n) {
    counters.computeIfAbsent(new CounterKey(name, labels), k -> new LongAdder()).add(n);
  }

  static String modelLabel(String model) {
    return "model=\"" + escape(model) + "\"";
  }

  String render(Supplier<Map<String, String>> versions) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# HELP ciclo_http_requests_total HTTP requests answered, by model, endpoint and"
        + " status code.\n# TYPE ciclo_http_requests_total counter\n");
    Map<String, Long> all = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    requests.forEach((k, v) -> {
      String labels = new LatencyKey(k.model(), k.endpoint()).labels() + ",code=\""
          + k.status() + "\"";
      all.put(labels, v.sum());
      if (k.status() >= 400) {
        errors.put(labels, v.sum());
      }
    });
    lines(sb, "ciclo_http_requests_total", all);
    sb.append("# HELP ciclo_http_request_errors_total HTTP requests answered with a 4xx or 5xx"
        + " code.\n# TYPE ciclo_http_request_errors_total counter\n");
    lines(sb, "ciclo_http_request_errors_total", errors);
    sb.append("# HELP ciclo_http_request_duration_seconds Time from reading a request to"
        + " answering it.\n# TYPE ciclo_http_request_duration_seconds histogram\n");
    Map<String, Histogram> byLabels = new TreeMap<>();
    latency.forEach((k, v) -> byLabels.put(k.labels(), v));
    for (Map.Entry<String, Histogram> e : byLabels.entrySet()) {
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
    counters.forEach((k, v) -> byName.computeIfAbsent(k.name(), n -> new TreeMap<>())
        .put(k.name() + "{" + k.labels() + "}", v.sum()));
    for (Map.Entry<String, TreeMap<String, Long>> e : byName.entrySet()) {
      sb.append("# TYPE ").append(e.getKey()).append(" counter\n");
      e.getValue().forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
    }
    return sb.toString();
  }

  private static void lines(StringBuilder sb, String name, Map<String, Long> values) {
    values.forEach((k, v) -> sb.append(name).append('{').append(k).append("} ").append(v)
        .append('\n'));
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
