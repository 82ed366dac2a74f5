package dev.ciclo.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CsvReader reads a declared schema and names file, line and column on bad input")
class CsvReaderTest {
  @TempDir Path dir;

  private static final CsvSchema SCHEMA = CsvSchema.builder().numeric("age", "income")
      .categorical("city").text("comment").target("churned").id("customer").group("household")
      .build();

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static final String GOOD = "customer,household,age,income,city,comment,churned,extra\n"
      + "c1,h1,34,52000.5,Berlin,\"likes it, mostly\",no,x\n"
      + "c2,h1,29,31000,Potsdam,\"said \"\"meh\"\"\",yes,y\n"
      + "\n"
      + "c3,h2,51,78000,Berlin,,no,z\n";

  @Test
  @DisplayName("a good file gives typed rows, ids, groups, labels and provenance")
  void readsGoodFile() throws IOException {
    Path f = write("customers.csv", GOOD);
    Dataset<TabularRow, String> d = CsvReader.read(f, SCHEMA);
    assertEquals(3, d.size());
    Example<TabularRow, String> c2 = d.get(1);
    assertEquals("c2", c2.id());
    assertEquals("h1", c2.group());
    assertEquals("yes", c2.target());
    assertEquals(29.0, c2.input().numeric().get("age"));
    assertEquals("said \"meh\"", c2.input().text().get("comment"));
    assertEquals("likes it, mostly", d.get(0).input().text().get("comment"));
    assertEquals("5", d.get(2).metadata().get("line"));
    assertEquals("csv", d.provenance().source());
    assertEquals(3, d.provenance().sourceRows());
    assertEquals(List.of("h1", "h2"), List.copyOf(d.groups()));
    FeatureVector v = TabularRow.features().extract(d.get(0).input());
    assertEquals(List.of("age", "income", "city=Berlin"), v.names());
    assertEquals(CsvReader.read(f, SCHEMA).fingerprint(), d.fingerprint(), "stable fingerprint");
  }

  private String error(String content) throws IOException {
    Path f = write("bad.csv", content);
    return assertThrows(IllegalArgumentException.class, () -> CsvReader.read(f, SCHEMA))
        .getMessage();
  }

  @Test
  @DisplayName("missing target, non-number, ragged row, empty file, missing column are refused")
  void badInputs() throws IOException {
    String header = "customer,household,age,income,city,comment,churned\n";
    String m = error(header + "c1,h1,34,1,B,x,no\nc2,h1,29,2,B,x,\n");
    assertTrue(m.endsWith("bad.csv line 3, column 'churned': the target is missing (empty cell)"),
        m);
    m = error(header + "c1,h1,thirty,1,B,x,no\n");
    assertTrue(m.endsWith("bad.csv line 2, column 'age': expected a number but was 'thirty'"), m);
    m = error(header + "c1,h1,30,1,B,x,no\nc2,h1,30,1,B,no\n");
    assertTrue(m.endsWith("bad.csv line 3: the row has 6 fields but the header has 7"), m);
    m = error("");
    assertTrue(m.contains("bad.csv is empty: expected a header line"), m);
    m = error("customer,household,age,city,comment,churned\nc1,h1,3,B,x,no\n");
    assertTrue(m.contains("line 1: the header has no column 'income'"), m);
    m = error(header + "c1,h1,NaN,1,B,x,no\n");
    assertTrue(m.contains("line 2, column 'age': expected a finite number but was 'NaN'"), m);
    m = error(header + "c1,h1,3,1,B,\"open,no\n");
    assertTrue(m.contains("line 2: a quoted field is not closed"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> CsvReader.read(dir.resolve("nope.csv"), SCHEMA)).getMessage();
    assertTrue(m.contains("nope.csv does not exist"), m);
    assertThrows(IllegalStateException.class, () -> CsvSchema.builder().numeric("a").build());
    assertThrows(IllegalArgumentException.class,
        () -> CsvSchema.builder().numeric("a").categorical("a"));
  }
}
