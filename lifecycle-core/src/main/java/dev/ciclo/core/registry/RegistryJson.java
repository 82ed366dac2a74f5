package dev.ciclo.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The registry's two small JSON files: {@code version.json} and {@code aliases.json}. */
final class RegistryJson {

  private RegistryJson() {}

  static byte[] version(ModelVersion v) throws java.io.IOException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("model", v.modelName());
    n.put("version", v.version());
    n.put("sha256", v.sha256());
    n.put("format", v.format());
    n.put("registeredAt", v.registeredAt().toString());
    n.put("runId", v.runId());
    ObjectNode p = n.putObject("properties");
    new TreeMap<>(v.properties()).forEach(p::put);
    return Json.PRETTY.writeValueAsBytes(n);
  }

  static ModelVersion version(JsonNode n) {
    Map<String, String> props = new TreeMap<>();
    n.required("properties").fields().forEachRemaining(e -> props.put(e.getKey(),
        e.getValue().asText()));
    return new ModelVersion(n.required("model").asText(), n.required("version").asInt(),
        n.required("sha256").asText(), n.required("format").asText(),
        Instant.parse(n.required("registeredAt").asText()), n.required("runId").asText(), props);
  }

  static byte[] history(List<AliasChange> changes) throws java.io.IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode a = root.putArray("changes");
    for (AliasChange c : changes) {
      ObjectNode n = a.addObject();
      n.put("alias", c.alias());
      n.put("previousVersion", c.previousVersion());
      n.put("newVersion", c.newVersion());
      n.put("at", c.at().toString());
      n.put("reason", c.reason());
    }
    return Json.PRETTY.writeValueAsBytes(root);
  }

  static List<AliasChange> history(String model, JsonNode root) {
    List<AliasChange> out = new ArrayList<>();
    for (JsonNode n : root.required("changes")) {
      out.add(new AliasChange(model, n.required("alias").asText(),
          n.required("previousVersion").asInt(), n.required("newVersion").asInt(),
          Instant.parse(n.required("at").asText()), n.required("reason").asText()));
    }
    return out;
  }
}
