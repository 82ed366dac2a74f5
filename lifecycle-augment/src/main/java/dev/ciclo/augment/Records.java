package dev.ciclo.augment;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns augmentation records into text: one record as JSON (for an example's metadata or a file
 * beside an augmented WAV), and many records as a one-line summary for a dataset's provenance.
 *
 * <p>Stateless and thread-safe.
 */
public final class Records {
  private static final int MAX_DISTINCT = 8;

  private Records() {}

  /**
   * One record as a JSON object: {@code {"transforms":[{"name":"gain","parameters":{"gainDb":
   * 3.2}}]}}, parameters in the transform's order, numbers in Java's shortest round-trip form.
   *
   * @param record the record
   * @return the JSON text, one line
   * @throws NullPointerException if {@code record} is null
   */
  public static String toJson(AugmentationRecord record) {
    Objects.requireNonNull(record, "record");
    StringBuilder sb = new StringBuilder("{\"transforms\":[");
    boolean first = true;
    for (AppliedTransform t : record.transforms()) {
      sb.append(first ? "" : ",").append("{\"name\":");
      first = false;
      string(sb, t.name());
      sb.append(",\"parameters\":{");
      boolean f2 = true;
      for (Map.Entry<String, Object> e : new TreeMap<>(t.parameters()).entrySet()) {
        sb.append(f2 ? "" : ",");
        f2 = false;
        string(sb, e.getKey());
        sb.append(':');
        Object v = e.getValue();
        if (v instanceof String s) {
          string(sb, s);
        } else {
          sb.append(v);
        }
      }
      sb.append("}}");
    }
    return sb.append("]}").toString();
  }

  /**
   * A summary of many records, for a provenance step: per transform name, how often it was
   * applied and skipped, the range of each numeric parameter, the distinct values of each text
   * parameter (up to 8, for example the noise files and their hashes), and where both a
   * requested and a measured SNR were recorded, the largest difference between them.
   *
   * <p>For example: {@code background-noise x480 (skipped 2): noiseFile {street-cars.wav},
   * requestedSnrDb [0.01, 9.98], max |measured - requested SNR| 3.6e-08 dB}.
   *
   * @param records the records
   * @return the summary, {@code "nothing applied"} when every record is empty
   * @throws NullPointerException if the collection or a record is null
   */
  public static String summarize(Iterable<AugmentationRecord> records) {
    Objects.requireNonNull(records, "records");
    Map<String, Stats> by = new LinkedHashMap<>();
    for (AugmentationRecord r : records) {
      for (AppliedTransform t : Objects.requireNonNull(r, "record").transforms()) {
        by.computeIfAbsent(t.name(), k -> new Stats()).add(t);
      }
    }
    if (by.isEmpty()) {
      return "nothing applied";
    }
    List<String> parts = new ArrayList<>();
    by.forEach((name, s) -> parts.add(s.describe(name)));
    return String.join("; ", parts);
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Per-transform accumulator. */
  private static final class Stats {
    long count;
    long skipped;
    final Map<String, double[]> ranges = new LinkedHashMap<>();
    final Map<String, Set<String>> texts = new LinkedHashMap<>();
    double maxSnrError = -1;

    void add(AppliedTransform t) {
      count++;
      Map<String, Object> p = t.parameters();
      if (p.containsKey("skipped")) {
        skipped++;
      }
      for (Map.Entry<String, Object> e : new TreeMap<>(p).entrySet()) {
        Object v = e.getValue();
        if (v instanceof Number n) {
          double d = n.doubleValue();
          double[] r = ranges.computeIfAbsent(e.getKey(), k -> new double[] {d, d});
          r[0] = Math.min(r[0], d);
          r[1] = Math.max(r[1], d);
        } else if (!e.getKey().equals("skipped")) {
          Set<String> s = texts.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
          if (s.size() <= MAX_DISTINCT) {
            s.add(String.valueOf(v));
          }
        }
      }
      if (p.get("requestedSnrDb") instanceof Number q && p.get("measuredSnrDb") instanceof Number m) {
        maxSnrError = Math.max(maxSnrError, Math.abs(q.doubleValue() - m.doubleValue()));
      }
    }

    String describe(String name) {
      StringBuilder sb = new StringBuilder(name).append(" x").append(count);
      if (skipped > 0) {
        sb.append(" (skipped ").append(skipped).append(')');
      }
      List<String> items = new ArrayList<>();
      texts.forEach((k, v) -> items.add(k + " {" + String.join(", ",
          v.size() > MAX_DISTINCT ? List.copyOf(v).subList(0, MAX_DISTINCT) : v)
          + (v.size() > MAX_DISTINCT ? ", ..." : "") + "}"));
      ranges.forEach((k, r) -> items.add(
          k + (r[0] == r[1] ? " " + (float) r[0] : " [" + (float) r[0] + ", " + (float) r[1] + "]")));
      if (maxSnrError >= 0) {
        items.add("max |measured - requested SNR| " + String.format("%.2g", maxSnrError) + " dB");
      }
      return items.isEmpty() ? sb.toString() : sb.append(": ").append(String.join(", ", items))
          .toString();
    }
  }
}
