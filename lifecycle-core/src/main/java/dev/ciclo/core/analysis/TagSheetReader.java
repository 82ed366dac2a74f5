package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.TagShare;
import dev.ciclo.api.analysis.TagReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a filled tagging sheet. */
final class TagSheetReader {
  private static final Pattern TOTALS = Pattern.compile(
      Pattern.quote(TaggingSheet.MAGIC)
          + " examples=(\\d+) errors=(\\d+) sampled=(\\d+) seed=(-?\\d+)\\s*");

  private TagSheetReader() {}

  static TagReport parse(String file, List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " line 1: expected '" + TaggingSheet.MAGIC
          + " examples=... errors=... sampled=... seed=...' but the file is empty");
    }
    Matcher m = TOTALS.matcher(lines.get(0));
    if (!m.matches()) {
      throw new IllegalArgumentException(file + " line 1: expected '" + TaggingSheet.MAGIC
          + " examples=... errors=... sampled=... seed=...' but found '" + lines.get(0) + "'");
    }
    long examples = Long.parseLong(m.group(1));
    long errors = Long.parseLong(m.group(2));
    if (lines.size() < 2 || !fields(file, 2, lines.get(1)).equals(TaggingSheet.HEADER)) {
      throw new IllegalArgumentException(file + " line 2: expected the header "
          + String.join(",", TaggingSheet.HEADER) + " but found '"
          + (lines.size() < 2 ? "end of file" : lines.get(1)) + "'");
    }
    int width = TaggingSheet.HEADER.size();
    Set<String> ids = new HashSet<>();
    Map<String, Integer> counts = new TreeMap<>();
    int reviewed = 0;
    int untagged = 0;
    for (int ln = 3; ln <= lines.size(); ln++) {
      String line = lines.get(ln - 1);
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(file, ln, line);
      if (f.size() != width) {
        throw new IllegalArgumentException(file + " line " + ln + ": expected " + width
            + " fields (" + String.join(",", TaggingSheet.HEADER) + ") but found " + f.size());
      }
      String id = f.get(0).strip();
      if (id.isEmpty()) {
        throw new IllegalArgumentException(file + " line " + ln + ": the id must not be empty");
      }
      if (!ids.add(id + "\u0000" + f.get(1) + "\u0000" + f.get(2))) {
        throw new IllegalArgumentException(file + " line " + ln + ": example '" + id
            + "' appears twice");
      }
      reviewed++;
      Set<String> tags = new LinkedHashSet<>();
      for (String t : f.get(width - 1).split("[;,]")) {
        String tag = t.strip();
        if (!tag.isEmpty()) {
          tags.add(tag);
        }
      }
      if (tags.isEmpty()) {
        untagged++;
      }
      for (String t : tags) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    if (reviewed > errors) {
      throw new IllegalArgumentException(file + ": " + reviewed
          + " rows but line 1 says there were only " + errors + " errors");
    }
    List<TagShare> shares = new ArrayList<>();
    double errorRate = examples == 0 ? 0 : (double) errors / examples;
    double z = SliceStats.z(0.95);
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int c = e.getValue();
      double fraction = (double) c / reviewed;
      shares.add(new TagShare(e.getKey(), c, fraction, SliceStats.wilson(c, reviewed, z, 0.95),
          fraction * errorRate));
    }
    shares.sort((a, b) -> a.count() != b.count()
        ? Integer.compare(b.count(), a.count()) : a.tag().compareTo(b.tag()));
    return new TagReport(examples, errors, reviewed, untagged, shares);
  }

  private static List<String> fields(String file, int ln, String line) {
    try {
      return Csv.parse(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " line " + ln + ": " + e.getMessage(), e);
    }
  }
}
