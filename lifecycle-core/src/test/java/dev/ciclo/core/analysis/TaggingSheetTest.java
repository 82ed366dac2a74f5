package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.TagShare;
import dev.ciclo.api.analysis.TagReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.analysis.ErrorCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggingSheetTest {
  @TempDir
  Path dir;

  private final ErrorAnalyzerTest.Fixture fixture = new ErrorAnalyzerTest.Fixture();

  private TaggingSheet sheet(int count, long seed) {
    return TaggingSheet.sample(TestModels.lookup(fixture.table), fixture.data(), count, seed);
  }

  @Test
  @DisplayName("the sample holds only errors, is seeded, and is capped by the number of errors")
  void sampling() {
    TaggingSheet a = sheet(20, 7);
    assertEquals(20, a.rows().size());
    assertTrue(a.rows().stream().allMatch(e -> !e.actual().equals(e.predicted())));
    assertEquals(a.rows(), sheet(20, 7).rows());
    assertNotEquals(a.rows(), sheet(20, 8).rows());
    assertEquals(181, sheet(10_000, 7).rows().size());
    assertEquals(1000, a.examples());
    assertEquals(181, a.errors());
    assertEquals("count must be at least 1 but was 0",
        assertThrows(IllegalArgumentException.class, () -> sheet(0, 7)).getMessage());
  }

  @Test
  @DisplayName("export, a person's tags, import: the tags are counted and their share of the error estimated")
  void roundTrip() throws IOException {
    TaggingSheet s = sheet(20, 7);
    Path file = dir.resolve("to-tag.csv");
    s.write(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(22, lines.size());
    assertEquals("id,actual,predicted,confidence,metadata,known_tags,tags", lines.get(1));
    // the person: rows 0-9 "car noise", 10-14 "mumbled" and "car noise", 15-19 nothing
    List<String> filled = new ArrayList<>(lines.subList(0, 2));
    for (int i = 0; i < 20; i++) {
      String tags = i < 10 ? "car noise" : i < 15 ? "\"mumbled, car noise\"" : "";
      filled.add(lines.get(i + 2) + tags);
    }
    Files.write(file, filled, StandardCharsets.UTF_8);
    TagReport r = TaggingSheet.read(file);
    assertEquals(20, r.reviewed());
    assertEquals(5, r.untagged());
    assertEquals(0.181, r.errorRate(), 1e-12);
    TagShare car = r.tags().get(0);
    assertEquals("car noise", car.tag());
    assertEquals(15, car.count());
    assertEquals(0.75, car.fractionOfErrors(), 1e-12);
    assertEquals(0.75 * 0.181, car.errorAccountedFor(), 1e-12);
    assertTrue(car.interval().contains(0.75));
    assertEquals("mumbled", r.tags().get(1).tag());
    assertEquals(5, r.tags().get(1).count());
  }

  @Test
  @DisplayName("ids and metadata with commas and quotes survive the CSV")
  void quoting() throws IOException {
    TaggingSheet s = sheet(3, 1);
    Path file = dir.resolve("q.csv");
    s.write(file);
    for (String line : Files.readAllLines(file).subList(2, 5)) {
      List<String> f = Csv.parse(line);
      assertEquals(7, f.size());
    }
    assertEquals(List.of("a,b", "say \"hi\"", "", " x"),
        Csv.parse(Csv.format(List.of("a,b", "say \"hi\"", "", " x"))));
    ErrorCase first = s.rows().get(0);
    assertTrue(Files.readString(file).contains(first.exampleId()));
  }

  @Test
  @DisplayName("a malformed file gets an error naming the file and the line")
  void malformed() throws IOException {
    TaggingSheet s = sheet(5, 3);
    Path file = dir.resolve("bad.csv");
    s.write(file);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(4, "e1,yes,no");
    Files.write(file, lines);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaggingSheet.read(file));
    assertEquals(file + " line 5: expected 7 fields"
        + " (id,actual,predicted,confidence,metadata,known_tags,tags) but found 3", e.getMessage());

    lines.set(4, "e1,yes,no,0.9,\"group=s1,tag");
    Files.write(file, lines);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TaggingSheet.read(file))
        .getMessage().startsWith(file + " line 5: unterminated quote"));

    lines.set(0, "id,actual");
    Files.write(file, lines);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TaggingSheet.read(file))
        .getMessage().startsWith(file + " line 1: expected '# ciclo tagging sheet:"));

    Path missing = dir.resolve("missing.csv");
    assertTrue(assertThrows(CicloException.class, () -> TaggingSheet.read(missing))
        .getMessage().contains(missing.toString()));
  }
}
