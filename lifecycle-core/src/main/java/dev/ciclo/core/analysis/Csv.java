package dev.ciclo.core.analysis;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 quoting for one-line records. */
final class Csv {
  private Csv() {}

  static String format(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i).replace('\n', ' ').replace('\r', ' ');
      if (f.contains(",") || f.contains("\"") || f.startsWith(" ") || f.endsWith(" ")) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.toString();
  }

  /**
   * Splits one line into fields.
   *
   * @throws IllegalArgumentException with a message (without the location) if a quote is
   *     unterminated or text follows a closing quote
   */
  static List<String> parse(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        int start = i;
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException(
                "unterminated quote starting at column " + (start + 1));
          }
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              f.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            f.append(c);
            i++;
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw new IllegalArgumentException(
              "expected a comma after the closing quote at column " + i + " but found '"
                  + line.charAt(i) + "'");
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          f.append(line.charAt(i));
          i++;
        }
      }
      out.add(f.toString());
      f.setLength(0);
      if (i >= n) {
        return out;
      }
      i++; // the comma
    }
  }
}
