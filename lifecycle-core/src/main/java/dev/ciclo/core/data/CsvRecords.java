package dev.ciclo.core.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV text as records of fields, each with the line it starts on, parsed by Apache Commons CSV:
 * RFC 4180 quoting (a field may span lines, a quote inside quotes is doubled), any delimiter,
 * {@code \n}, {@code \r\n} or {@code \r} line endings, blank lines skipped, and a leading UTF-8
 * byte order mark dropped. The one CSV parser of the project.
 */
final class CsvRecords {
  private CsvRecords() {}

  record Line(int number, List<String> fields) {}

  static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
        .get();
  }

  /**
   * Splits the text.
   *
   * @throws IllegalArgumentException naming the source and line when a quote is not closed or
   *     text follows a closing quote
   */
  static List<Line> split(String source, String text, char delimiter) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int[] lineStarts = lineStarts(body);
    List<Line> out = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(body), format(delimiter))) {
      for (CSVRecord r : parser) {
        // the position is where the parser started, before the blank lines it skipped
        int at = (int) r.getCharacterPosition();
        while (at < body.length() && (body.charAt(at) == '\n' || body.charAt(at) == '\r')) {
          at++;
        }
        out.add(new Line(lineOf(lineStarts, at), r.toList()));
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      int line = out.isEmpty() ? 1 : out.get(out.size() - 1).number() + 1;
      String why = String.valueOf(e.getMessage());
      String what = why.contains("EOF reached before encapsulated token finished")
          ? "a quoted field is not closed before the end of the file"
          : "malformed CSV (" + why + ")";
      throw new IllegalArgumentException("CSV file " + source + " line " + line + ": " + what, e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    return out;
  }

  /** The offsets at which lines start ({@code \n}, {@code \r\n} or a lone {@code \r}). */
  private static int[] lineStarts(String s) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  private static int lineOf(int[] starts, long position) {
    int i = Arrays.binarySearch(starts, (int) position);
    return (i >= 0 ? i : -i - 2) + 1;
  }
}
