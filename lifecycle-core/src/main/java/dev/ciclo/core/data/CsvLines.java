package dev.ciclo.core.data;

import java.util.ArrayList;
import java.util.List;

/** Splits CSV text into records of fields, tracking the line each record starts on. */
final class CsvLines {
  private CsvLines() {}

  record Line(int number, List<String> fields) {}

  static List<Line> split(String source, String text, char delimiter) {
    List<Line> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int recordStart = 1;
    boolean quoted = false;
    boolean any = false;
    int n = text.length();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
        any = true;
      } else if (c == delimiter) {
        fields.add(cell.toString());
        cell.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || cell.length() > 0) {
          fields.add(cell.toString());
          out.add(new Line(recordStart, List.copyOf(fields)));
        }
        fields.clear();
        cell.setLength(0);
        any = false;
        line++;
        recordStart = line;
      } else {
        cell.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("CSV file " + source + " line " + recordStart
          + ": a quoted field is not closed before the end of the file");
    }
    if (any || cell.length() > 0) {
      fields.add(cell.toString());
      out.add(new Line(recordStart, List.copyOf(fields)));
    }
    return out;
  }
}
