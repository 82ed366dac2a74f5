package dev.ciclo.core.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/** One-line CSV records (RFC 4180 quoting) written and read by Apache Commons CSV. */
final class Csv {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("").get();

  private Csv() {}

  /** The fields as one line; line breaks inside a field become spaces. */
  static String format(List<String> fields) {
    List<String> flat = new ArrayList<>(fields.size());
    for (String f : fields) {
      flat.add(f.replace('\n', ' ').replace('\r', ' '));
    }
    return FORMAT.format(flat.toArray());
  }

  /**
   * Splits one line into fields.
   *
   * @throws IllegalArgumentException with a message (without the location) if a quote is
   *     unterminated or text follows a closing quote
   */
  static List<String> parse(String line) {
    try (CSVParser p = CSVParser.parse(new StringReader(line), FORMAT)) {
      Iterator<CSVRecord> records = p.iterator();
      if (!records.hasNext()) {
        return List.of("");
      }
      List<String> out = new ArrayList<>(records.next().toList());
      if (records.hasNext()) {
        throw new IllegalArgumentException("expected one record but the line holds more");
      }
      return out;
    } catch (UncheckedIOException | IllegalStateException e) {
      String why = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(why.contains("EOF reached before encapsulated token")
          ? "unterminated quote: a quoted field is not closed before the end of the line"
          : "malformed CSV: " + why, e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }
}
