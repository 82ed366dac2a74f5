package dev.ciclo.monitor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonPropertiesTest {
  @Test
  @DisplayName("property: any string and any finite number survive the JSON writer and Jackson")
  void roundTrip() {
    qt().withExamples(500)
        .forAll(strings().allPossible().ofLengthBetween(0, 40),
            doubles().between(-1e300, 1e300))
        .checkAssert((s, d) -> {
          String json = new Json().beginObject().field("k:" + s, s).name("n").value(d)
              .name("a").beginArray().value(s).value(true).endArray().endObject().toString();
          JsonNode m;
          try {
            m = ReportWriterTest.STRICT.readTree(json);
          } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
          }
          assertEquals(s, m.get("a").get(0).textValue());
          assertEquals(true, m.get("a").get(1).booleanValue());
          assertEquals(d, m.get("n").doubleValue(), Math.abs(d) * 1e-15);
          assertEquals(s, m.get("k:" + s).textValue());
        });
  }
}
