package dev.ciclo.core.data;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Provenance;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV file (RFC 4180 as Apache Commons CSV parses it: a header line, fields separated
 * by the schema's delimiter, optionally quoted with {@code "}, a quote inside quotes doubled,
 * {@code \n}, {@code \r\n} or {@code \r} line endings, a leading byte order mark ignored) into a
 * dataset of {@link TabularRow}s labelled by the target column: text labels for classification
 * ({@link #read}), numbers for regression ({@link #readNumeric}).
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose message names the file, the
 * line (counted from 1, the header is line 1) and the column: an empty file, a schema column
 * missing from the header (when the header is one column holding {@code ;}, a tab or {@code |},
 * the message suggests that delimiter), a row with more or fewer fields than the header, an
 * empty target, id or group, a numeric cell that is not a finite number, an unterminated quote.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * Reads a file.
   *
   * @param file the CSV file, UTF-8
   * @param schema what the columns mean
   * @return the dataset, named after the file, with provenance {@code csv}, the file's path and
   *     the number of data rows
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the file is missing, empty or malformed (see above)
   * @throws CicloException if the file cannot be read for another reason, naming it
   */
  public static Dataset<TabularRow, String> read(Path file, CsvSchema schema) {
    String content = content(file, schema);
    return parse(file.toString(), content, schema, (line, cell) -> cell);
  }

  /**
   * Reads a file whose target is a number, for regression.
   *
   * @param file the CSV file, UTF-8
   * @param schema what the columns mean
   * @return the dataset, named after the file, with provenance {@code csv}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #read}, and if a target is not a finite number
   *     (naming the line)
   * @throws CicloException if the file cannot be read for another reason, naming it
   */
  public static Dataset<TabularRow, Double> readNumeric(Path file, CsvSchema schema) {
    String content = content(file, schema);
    String target = schema.columnOf(CsvSchema.Role.TARGET);
    String source = file.toString();
    return parse(source, content, schema,
        (line, cell) -> number(source, line, target, cell));
  }

  /**
   * Reads CSV from a stream, such as a resource bundled in a jar.
   *
   * @param source the name used in messages and as the dataset's name
   * @param in the CSV bytes, UTF-8; read to the end, not closed
   * @param schema what the columns mean
   * @return the dataset, with provenance {@code csv} and the source's name
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #read}
   * @throws CicloException if the stream cannot be read, naming the source
   */
  public static Dataset<TabularRow, String> read(
      String source, java.io.InputStream in, CsvSchema schema) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(schema, "schema");
    String content;
    try {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CicloException("cannot read CSV " + source + ": " + e.getMessage(), e);
    }
    return parse(source, content, schema, (line, cell) -> cell);
  }

  private static String content(Path file, CsvSchema schema) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(schema, "schema");
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("CSV file " + file + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("CSV file " + file + " is not valid UTF-8", e);
    } catch (IOException e) {
      throw new CicloException("cannot read CSV file " + file + ": " + e.getMessage(), e);
    }
    return content;
  }

  /** Turns a target cell (not blank) of a line into a target. */
  interface TargetParser<Y> {
    Y parse(int line, String cell);
  }

  static Dataset<TabularRow, String> parse(String source, String content, CsvSchema schema) {
    return parse(source, content, schema, (line, cell) -> cell);
  }

  static <Y> Dataset<TabularRow, Y> parse(
      String source, String content, CsvSchema schema, TargetParser<Y> targets) {
    List<CsvRecords.Line> lines = CsvRecords.split(source, content, schema.delimiter());
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("CSV file " + source
          + " is empty: expected a header line naming the columns " + schema.columns().keySet());
    }
    List<String> header = lines.get(0).fields();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip();
      if (index.putIfAbsent(h, i) != null) {
        throw new IllegalArgumentException("CSV file " + source + " line 1: column '" + h
            + "' appears twice in the header");
      }
    }
    for (String c : schema.columns().keySet()) {
      if (!index.containsKey(c)) {
        throw new IllegalArgumentException("CSV file " + source + " line 1: the header has no"
            + " column '" + c + "' that the schema declares; the header is " + header
            + delimiterHint(header, schema.delimiter()));
      }
    }
    String target = schema.columnOf(CsvSchema.Role.TARGET);
    String idCol = schema.columnOf(CsvSchema.Role.ID);
    String groupCol = schema.columnOf(CsvSchema.Role.GROUP);
    List<Example<TabularRow, Y>> out = new ArrayList<>(lines.size() - 1);
    for (int r = 1; r < lines.size(); r++) {
      CsvRecords.Line line = lines.get(r);
      List<String> f = line.fields();
      if (f.size() != header.size()) {
        throw new IllegalArgumentException("CSV file " + source + " line " + line.number()
            + ": the row has " + f.size() + " fields but the header has " + header.size());
      }
      Map<String, Double> numeric = new LinkedHashMap<>();
      Map<String, String> categorical = new LinkedHashMap<>();
      Map<String, String> text = new LinkedHashMap<>();
      for (Map.Entry<String, CsvSchema.Role> c : schema.columns().entrySet()) {
        String cell = f.get(index.get(c.getKey()));
        switch (c.getValue()) {
          case NUMERIC -> numeric.put(c.getKey(), number(source, line.number(), c.getKey(), cell));
          case CATEGORICAL -> categorical.put(c.getKey(), cell);
          case TEXT -> text.put(c.getKey(), cell);
          default -> required(source, line.number(), c.getKey(), cell, c.getValue());
        }
      }
      Y label = targets.parse(line.number(), f.get(index.get(target)).strip());
      String id = idCol == null ? "line-" + line.number() : f.get(index.get(idCol)).strip();
      String group = groupCol == null ? id : f.get(index.get(groupCol)).strip();
      out.add(new Example<>(id, new TabularRow(numeric, categorical, text), label, group,
          Set.of(), Map.of("line", Integer.toString(line.number()))));
    }
    String name = Path.of(source).getFileName().toString();
    return Dataset.of(name, out, new Provenance("csv", source, out.size(), List.of()));
  }

  /**
   * A hint when a header read as one column looks separated by another character.
   */
  private static String delimiterHint(List<String> header, char delimiter) {
    if (header.size() != 1) {
      return "";
    }
    for (char c : new char[] {';', '\t', '|', ','}) {
      if (c != delimiter && header.get(0).indexOf(c) >= 0) {
        String name = c == '\t' ? "a tab ('\\t')" : "'" + c + "'";
        return ". The header was read as one column but contains " + name
            + ": if the file is separated by it, declare it with CsvSchema.builder().delimiter("
            + (c == '\t' ? "'\\t'" : "'" + c + "'") + ")";
      }
    }
    return "";
  }

  private static double number(String source, int line, String column, String cell) {
    String s = cell.strip();
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("CSV file " + source + " line " + line + ", column '"
          + column + "': expected a number but was '" + cell + "'", e);
    }
    if (!Double.isFinite(v) || s.isEmpty()) {
      throw new IllegalArgumentException("CSV file " + source + " line " + line + ", column '"
          + column + "': expected a finite number but was '" + cell + "'");
    }
    return v;
  }

  private static void required(
      String source, int line, String column, String cell, CsvSchema.Role role) {
    if (cell.isBlank()) {
      throw new IllegalArgumentException("CSV file " + source + " line " + line + ", column '"
          + column + "': the " + role.name().toLowerCase(java.util.Locale.ROOT)
          + " is missing (empty cell)");
    }
  }
}
