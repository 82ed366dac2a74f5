package dev.ciclo.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Run records to and from readable JSON: ISO-8601 times and durations, sorted keys. */
final class RunRecordJson {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunRecordJson() {}

  static byte[] write(RunRecord r) throws IOException {
    ObjectNode n = JSON.createObjectNode();
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
    return JSON.writeValueAsBytes(n);
  }

  static RunRecord read(byte[] bytes) throws IOException {
    JsonNode n = JSON.readTree(bytes);
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
        RunOutcome.valueOf(n.required("outcome").asText()), notes);
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
