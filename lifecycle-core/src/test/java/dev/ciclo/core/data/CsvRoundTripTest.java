package dev.ciclo.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.ciclo.api.data.Dataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV written with RFC 4180 quoting reads back the same cells")
class CsvRoundTripTest {
  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  @Test
  @DisplayName("any text (commas, quotes, line breaks) and any finite number survive a round trip")
  void roundTrip() {
    CsvSchema schema = CsvSchema.builder().numeric("x").text("t").target("y").build();
    qt().withExamples(200)
        .forAll(lists().of(strings().allPossible().ofLengthBetween(0, 12)).ofSizeBetween(1, 8),
            doubles().between(-1e9, 1e9))
        .checkAssert((texts, x) -> {
          StringBuilder csv = new StringBuilder("t,x,y\r\n");
          for (int i = 0; i < texts.size(); i++) {
            csv.append(quote(texts.get(i))).append(',').append(x + i).append(",label")
                .append(i % 2).append('\n');
          }
          Dataset<TabularRow, String> d = CsvReader.parse("gen.csv", csv.toString(), schema);
          assertEquals(texts.size(), d.size());
          for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i), d.get(i).input().text().get("t"));
            assertEquals(x + i, d.get(i).input().numeric().get("x"));
            assertEquals("label" + (i % 2), d.get(i).target());
          }
        });
  }
}
