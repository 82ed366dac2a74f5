package dev.ciclo.core.maintain;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Lineage;
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
  static <X, Y> Map<String, Double> measure(PromotionGate gate, Predictor<X, Y> champion,
      Predictor<X, Y> challenger, Dataset<X, Y> fresh) {
    String metric = gate.metric();
    Map<String, Double> ev = new LinkedHashMap<>();
    ev.put("fresh.count", (double) fresh.size());
    ev.put("champion." + metric, value(champion, fresh, metric));
    ev.put("challenger." + metric, value(challenger, fresh, metric));
    for (Map.Entry<String, Predicate<? super Example<?, ?>>> s : gate.slices().entrySet()) {
      Predicate<? super Example<?, ?>> member = s.getValue();
      Dataset<X, Y> part = fresh.filter("slice " + s.getKey(), member::test);
      String key = "slice." + s.getKey() + ".";
      ev.put(key + "count", (double) part.size());
      if (!part.isEmpty()) {
        ev.put(key + "champion", value(champion, part, metric));
        ev.put(key + "challenger", value(challenger, part, metric));
      }
    }
    return ev;
  }

  private static <X, Y> double value(Predictor<X, Y> p, Dataset<X, Y> data,
      String metric) {
    ClassificationEvaluation e = ClassificationEvaluator.evaluate(p, data);
    return e.metrics().get(metric);
  }

  /**
   * The trained record with the decision: evidence as {@code gate.*} metrics, and notes for the
   * trigger, the versions, the policy, the verdict and every reason.
   */
  static RunRecord withDecision(Candidate<?, ?> c, PromotionGate gate, GateDecision d,
      List<String> more) {
    RunRecord trained = c.trained();
    Trigger trigger = c.trigger();
    int championVersion = c.champion().version();
    String championRun = c.champion().runId();
    int challengerVersion = c.challenger().version();
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
    return copy(trained, metrics, notes).withLineage(lineage(c, gate, d));
  }

  /** The cycle as data: what the challenger replaces, why, on what data, how, and the verdict. */
  static Lineage lineage(Candidate<?, ?> c, PromotionGate gate, GateDecision d) {
    Trigger t = c.trigger();
    MaintenanceEvent.DatasetBuilt data = c.data();
    Map<String, Double> ev = d.evidence();
    String metric = gate.metric();
    List<Lineage.SliceCheck> slices = new ArrayList<>();
    for (String name : gate.slices().keySet()) {
      String key = "slice." + name + ".";
      int count = (int) Math.round(ev.getOrDefault(key + "count", 0.0));
      double a = ev.getOrDefault(key + "champion", Double.NaN);
      double b = ev.getOrDefault(key + "challenger", Double.NaN);
      boolean judged = count >= gate.minSliceSize() && !Double.isNaN(a) && !Double.isNaN(b);
      slices.add(new Lineage.SliceCheck(name, count, a, b, judged,
          !judged || a - b <= gate.sliceTolerance()));
    }
    return new Lineage(c.champion().modelName(), c.champion().version(), c.champion().runId(),
        c.challenger().version(),
        new Lineage.Trigger(Lineage.TriggerKind.valueOf(t.kind().name()), t.alertId(),
            t.labelCount(), t.reason(), t.at()),
        new Lineage.TrainingData(c.since(), c.cutoff(), data.rawInputsUsed(),
            data.rawInputsUsed(), data.payloadFingerprint(), data.trainFingerprint(),
            data.trainSize(), data.freshFingerprint(), data.freshSize()),
        new Lineage.Recipe(c.trained().trainer(), c.trained().parameters(), c.trained().seed()),
        new Lineage.Decision(Lineage.Verdict.valueOf(d.verdict().name()), metric, gate.margin(),
            gate.sliceTolerance(), gate.minSliceSize(),
            ev.getOrDefault("champion." + metric, Double.NaN),
            ev.getOrDefault("challenger." + metric, Double.NaN), ev, slices, d.reasons()));
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
        r.outcome(), notes, r.lineage());
  }
}
