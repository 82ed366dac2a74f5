package dev.ciclo.core.maintain;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Measures the evidence and writes decisions into run records. */
final class Records {
  private Records() {}

  /** Champion and challenger on the same fresh data and on each declared slice of it. */
  static <X> Map<String, Double> measure(PromotionGate gate, Predictor<X, String> champion,
      Predictor<X, String> challenger, Dataset<X, String> fresh) {
    String metric = gate.metric();
    Map<String, Double> ev = new LinkedHashMap<>();
    ev.put("fresh.count", (double) fresh.size());
    ev.put("champion." + metric, value(champion, fresh, metric));
    ev.put("challenger." + metric, value(challenger, fresh, metric));
    for (Map.Entry<String, Predicate<? super Example<?, String>>> s : gate.slices().entrySet()) {
      Predicate<? super Example<?, String>> member = s.getValue();
      Dataset<X, String> part = fresh.filter("slice " + s.getKey(), member::test);
      String key = "slice." + s.getKey() + ".";
      ev.put(key + "count", (double) part.size());
      if (!part.isEmpty()) {
        ev.put(key + "champion", value(champion, part, metric));
        ev.put(key + "challenger", value(challenger, part, metric));
      }
    }
    return ev;
  }

  private static <X> double value(Predictor<X, String> p, Dataset<X, String> data,
      String metric) {
    ClassificationEvaluation e = ClassificationEvaluator.evaluate(p, data);
    return e.metrics().get(metric);
  }

  /**
   * The trained record with the decision: evidence as {@code gate.*} metrics, and notes for the
   * trigger, the versions, the policy, the verdict and every reason.
   */
  static RunRecord withDecision(RunRecord trained, Trigger trigger, int championVersion,
      String championRun, int challengerVersion, GateDecision d, List<String> more) {
    Map<String, Double> metrics = new LinkedHashMap<>(trained.metrics());
    d.evidence().forEach((k, v) -> metrics.put(PromotionGate.EVIDENCE_PREFIX + k, v));
    List<String> notes = new ArrayList<>(trained.notes());
    notes.add("trigger: " + trigger.kind() + " at " + trigger.at() + ": " + trigger.reason());
    notes.add("champion: version " + championVersion + " from run " + championRun);
    notes.add("challenger: version " + challengerVersion);
    notes.add(PromotionGate.POLICY_NOTE + d.policy());
    notes.add("gate.verdict: " + d.verdict());
    d.reasons().forEach(r -> notes.add("gate.reason: " + r));
    notes.addAll(more);
    return copy(trained, metrics, notes);
  }

  /** The record with more metrics and notes after it. */
  static RunRecord append(RunRecord r, Map<String, Double> metrics, List<String> notes) {
    Map<String, Double> m = new LinkedHashMap<>(r.metrics());
    m.putAll(metrics);
    List<String> n = new ArrayList<>(r.notes());
    n.addAll(notes);
    return copy(r, m, n);
  }

  private static RunRecord copy(RunRecord r, Map<String, Double> metrics, List<String> notes) {
    return new RunRecord(r.runId(), r.trainer(), r.parameters(), r.seed(),
        r.datasetFingerprints(), r.epochs(), metrics, r.environment(), r.start(), r.duration(),
        r.outcome(), notes);
  }
}
