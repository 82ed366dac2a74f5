package dev.ciclo.monitor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonPropertiesTest {
  @Test
  @DisplayName("property: any string and any finite number survive the JSON writer and a strict reader")
  @SuppressWarnings("unchecked")
  void roundTrip() {
    qt().withExamples(500)
        .forAll(strings().allPossible().ofLengthBetween(0, 40),
            doubles().between(-1e300, 1e300))
        .checkAssert((s, d) -> {
          String json = new Json().beginObject().field("k:" + s, s).name("n").value(d)
              .name("a").beginArray().value(s).value(true).endArray().endObject().toString();
          Map<String, Object> m = (Map<String, Object>) TinyJson.parse(json);
          assertEquals(s, ((List<Object>) m.get("a")).get(0));
          assertEquals(d, (Double) m.get("n"), Math.abs(d) * 1e-15);
          assertEquals(s, m.get("k:" + s));
        });
  }
}
