package dev.ciclo.core.run;

import dev.ciclo.api.train.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Several runs side by side: the parameters that differ between them and every final metric.
 *
 * @param runs the runs compared, in the order asked
 * @param differingParameters for each parameter whose value is not the same in every run, its
 *     value per run (in the order of {@code runs}; {@code "-"} where a run lacks it)
 * @param metrics for each final metric, its value per run ({@code NaN} where a run lacks it)
 */
public record RunComparison(
    List<RunRecord> runs,
    Map<String, List<String>> differingParameters,
    Map<String, List<Double>> metrics) {

  /**
   * Copies the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public RunComparison {
    runs = List.copyOf(runs);
    differingParameters = Map.copyOf(differingParameters);
    metrics = Map.copyOf(metrics);
  }

  /**
   * Compares runs.
   *
   * @param runs the runs, at least one
   * @return the comparison
   * @throws IllegalArgumentException if {@code runs} is empty
   */
  public static RunComparison of(List<RunRecord> runs) {
    Objects.requireNonNull(runs, "runs");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("runs must hold at least one run but was empty");
    }
    TreeSet<String> params = new TreeSet<>();
    TreeSet<String> metricNames = new TreeSet<>();
    for (RunRecord r : runs) {
      params.addAll(r.parameters().keySet());
      metricNames.addAll(r.metrics().keySet());
    }
    Map<String, List<String>> diff = new TreeMap<>();
    for (String p : params) {
      List<String> values = new ArrayList<>();
      runs.forEach(r -> values.add(r.parameters().getOrDefault(p, "-")));
      if (values.stream().distinct().count() > 1) {
        diff.put(p, values);
      }
    }
    Map<String, List<Double>> m = new TreeMap<>();
    for (String name : metricNames) {
      List<Double> values = new ArrayList<>();
      runs.forEach(r -> values.add(r.metrics().getOrDefault(name, Double.NaN)));
      m.put(name, values);
    }
    return new RunComparison(runs, diff, m);
  }

  /**
   * A plain-text table: one column per run, rows for trainer, outcome, differing parameters and
   * metrics.
   *
   * @return the table, lines separated by {@code \n}
   */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    row(sb, "run", runs.stream().map(RunRecord::runId).toList());
    row(sb, "trainer", runs.stream().map(RunRecord::trainer).toList());
    row(sb, "outcome", runs.stream().map(r -> r.outcome().name()).toList());
    new TreeMap<>(differingParameters).forEach((k, v) -> row(sb, k, v));
    new TreeMap<>(metrics).forEach((k, v) -> row(sb, k,
        v.stream().map(d -> String.format(Locale.ROOT, "%.5f", d)).toList()));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String head, List<String> cells) {
    sb.append(String.format(Locale.ROOT, "%-24s", head));
    for (String c : cells) {
      sb.append(String.format(Locale.ROOT, " %-28s", c));
    }
    sb.append('\n');
  }
}
