package dev.ciclo.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.Lineage;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

/** Run records to and from readable JSON: ISO-8601 times and durations, sorted keys. */
final class RunRecordJson {

  private RunRecordJson() {}

  static byte[] write(RunRecord r) throws IOException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("runId", r.runId());
    n.put("trainer", r.trainer());
    n.put("outcome", r.outcome().name());
    n.put("seed", r.seed());
    n.put("start", r.start().toString());
    n.put("duration", r.duration().toString());
    putStrings(n.putObject("parameters"), r.parameters());
    putStrings(n.putObject("datasetFingerprints"), r.datasetFingerprints());
    ObjectNode metrics = n.putObject("metrics");
    new TreeMap<>(r.metrics()).forEach(metrics::put);
    ArrayNode epochs = n.putArray("epochs");
    for (EpochMetrics e : r.epochs()) {
      ObjectNode en = epochs.addObject();
      en.put("epoch", e.epoch());
      en.put("trainLoss", e.trainLoss());
      en.put("learningRate", e.learningRate());
      en.put("duration", e.duration().toString());
      ObjectNode em = en.putObject("metrics");
      new TreeMap<>(e.metrics()).forEach(em::put);
    }
    putStrings(n.putObject("environment"), r.environment());
    ArrayNode notes = n.putArray("notes");
    r.notes().forEach(notes::add);
    r.lineage().ifPresent(l -> writeLineage(n.putObject("lineage"), l));
    return Json.PRETTY.writeValueAsBytes(n);
  }

  static RunRecord read(byte[] bytes) throws IOException {
    JsonNode n = Json.MAPPER.readTree(bytes);
    List<EpochMetrics> epochs = new ArrayList<>();
    for (JsonNode e : n.required("epochs")) {
      epochs.add(new EpochMetrics(e.required("epoch").asInt(), e.required("trainLoss").asDouble(),
          e.required("learningRate").asDouble(), doubles(e.required("metrics")),
          Duration.parse(e.required("duration").asText())));
    }
    List<String> notes = new ArrayList<>();
    n.required("notes").forEach(x -> notes.add(x.asText()));
    return new RunRecord(n.required("runId").asText(), n.required("trainer").asText(),
        strings(n.required("parameters")), n.required("seed").asLong(),
        strings(n.required("datasetFingerprints")), epochs, doubles(n.required("metrics")),
        strings(n.required("environment")), Instant.parse(n.required("start").asText()),
        Duration.parse(n.required("duration").asText()),
        RunOutcome.valueOf(n.required("outcome").asText()), notes,
        n.has("lineage") ? Optional.of(readLineage(n.get("lineage"))) : Optional.empty());
  }

  private static void writeLineage(ObjectNode n, Lineage l) {
    n.put("modelName", l.modelName());
    n.put("replacedVersion", l.replacedVersion());
    n.put("replacedRunId", l.replacedRunId());
    n.put("challengerVersion", l.challengerVersion());
    ObjectNode t = n.putObject("trigger");
    t.put("kind", l.trigger().kind().name());
    t.put("alertId", l.trigger().alertId());
    t.put("labelCount", l.trigger().labelCount());
    t.put("reason", l.trigger().reason());
    t.put("at", l.trigger().at().toString());
    Lineage.TrainingData d = l.data();
    ObjectNode dn = n.putObject("data");
    dn.put("logFrom", d.logFrom().toString());
    dn.put("logTo", d.logTo().toString());
    dn.put("logRecords", d.logRecords());
    dn.put("rawInputs", d.rawInputs());
    dn.put("payloadFingerprint", d.payloadFingerprint());
    dn.put("trainFingerprint", d.trainFingerprint());
    dn.put("trainSize", d.trainSize());
    dn.put("freshFingerprint", d.freshFingerprint());
    dn.put("freshSize", d.freshSize());
    ObjectNode rn = n.putObject("recipe");
    rn.put("trainer", l.recipe().trainer());
    putStrings(rn.putObject("parameters"), l.recipe().parameters());
    rn.put("seed", l.recipe().seed());
    Lineage.Decision g = l.decision();
    ObjectNode gn = n.putObject("decision");
    gn.put("verdict", g.verdict().name());
    gn.put("metric", g.metric());
    gn.put("margin", g.margin());
    gn.put("sliceTolerance", g.sliceTolerance());
    gn.put("minSliceSize", g.minSliceSize());
    gn.put("champion", g.champion());
    gn.put("challenger", g.challenger());
    ObjectNode ev = gn.putObject("evidence");
    new TreeMap<>(g.evidence()).forEach(ev::put);
    ArrayNode slices = gn.putArray("slices");
    for (Lineage.SliceCheck c : g.slices()) {
      ObjectNode cn = slices.addObject();
      cn.put("slice", c.slice());
      cn.put("count", c.count());
      cn.put("champion", c.champion());
      cn.put("challenger", c.challenger());
      cn.put("judged", c.judged());
      cn.put("passed", c.passed());
    }
    ArrayNode reasons = gn.putArray("reasons");
    g.reasons().forEach(reasons::add);
  }

  private static Lineage readLineage(JsonNode n) {
    JsonNode t = n.required("trigger");
    JsonNode d = n.required("data");
    JsonNode r = n.required("recipe");
    JsonNode g = n.required("decision");
    List<Lineage.SliceCheck> slices = new ArrayList<>();
    for (JsonNode c : g.required("slices")) {
      slices.add(new Lineage.SliceCheck(c.required("slice").asText(), c.required("count").asInt(),
          c.required("champion").asDouble(), c.required("challenger").asDouble(),
          c.required("judged").asBoolean(), c.required("passed").asBoolean()));
    }
    List<String> reasons = new ArrayList<>();
    g.required("reasons").forEach(x -> reasons.add(x.asText()));
    return new Lineage(n.required("modelName").asText(), n.required("replacedVersion").asInt(),
        n.required("replacedRunId").asText(), n.required("challengerVersion").asInt(),
        new Lineage.Trigger(Lineage.TriggerKind.valueOf(t.required("kind").asText()),
            t.required("alertId").asText(), t.required("labelCount").asInt(),
            t.required("reason").asText(), Instant.parse(t.required("at").asText())),
        new Lineage.TrainingData(Instant.parse(d.required("logFrom").asText()),
            Instant.parse(d.required("logTo").asText()), d.required("logRecords").asInt(),
            d.required("rawInputs").asInt(), d.required("payloadFingerprint").asText(),
            d.required("trainFingerprint").asText(), d.required("trainSize").asInt(),
            d.required("freshFingerprint").asText(), d.required("freshSize").asInt()),
        new Lineage.Recipe(r.required("trainer").asText(), strings(r.required("parameters")),
            r.required("seed").asLong()),
        new Lineage.Decision(Lineage.Verdict.valueOf(g.required("verdict").asText()),
            g.required("metric").asText(), g.required("margin").asDouble(),
            g.required("sliceTolerance").asDouble(), g.required("minSliceSize").asInt(),
            g.required("champion").asDouble(), g.required("challenger").asDouble(),
            doubles(g.required("evidence")), slices, reasons));
  }

  private static void putStrings(ObjectNode n, Map<String, String> m) {
    new TreeMap<>(m).forEach(n::put);
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
    return m;
  }

  private static Map<String, Double> doubles(JsonNode n) {
    Map<String, Double> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asDouble()));
    return m;
  }
}
