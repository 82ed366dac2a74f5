package dev.ciclo.core.log;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.PredictionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Segment files: {@code predictions-<seq>-<start epoch ms>.jsonl}, and reading them. */
final class Segments {
  private static final Pattern NAME = Pattern.compile("predictions-(\\d{9})-(\\d+)\\.jsonl");

  private Segments() {}

  /** One segment file. */
  record Seg(Path path, long seq, Instant start) {}

  static String name(long seq, Instant start) {
    return String.format("predictions-%09d-%d.jsonl", seq, start.toEpochMilli());
  }

  static List<Seg> list(Path dir) {
    List<Seg> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "predictions-*.jsonl")) {
      for (Path p : files) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(new Seg(p, Long.parseLong(m.group(1)),
              Instant.ofEpochMilli(Long.parseLong(m.group(2)))));
        }
      }
    } catch (IOException e) {
      throw new CicloException("cannot list prediction log folder " + dir, e);
    }
    out.sort(Comparator.comparingLong(Seg::seq));
    return out;
  }

  /** The bytes of a segment, at most {@code limit} (all when negative); empty if it is gone. */
  static byte[] bytes(Path p, long limit) {
    try {
      if (limit < 0) {
        return Files.readAllBytes(p);
      }
      try (InputStream in = Files.newInputStream(p)) {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
      }
    } catch (NoSuchFileException e) {
      return new byte[0];
    } catch (IOException e) {
      throw new CicloException("cannot read prediction log segment " + p, e);
    }
  }

  /** Lines of a segment: complete records go to {@code out}; returns how many were skipped. */
  static long decode(byte[] buf, Predicate<PredictionRecord> keep, List<PredictionRecord> out,
      List<int[]> spans) {
    long skipped = 0;
    int start = 0;
    while (start < buf.length) {
      int nl = start;
      while (nl < buf.length && buf[nl] != '\n') {
        nl++;
      }
      if (nl == buf.length) {
        skipped++;
        break;
      }
      if (nl > start) {
        PredictionRecord r = RecordCodec.decode(buf, start, nl);
        if (r == null) {
          skipped++;
        } else if (keep.test(r)) {
          out.add(r);
          if (spans != null) {
            spans.add(new int[] {start, nl + 1});
          }
        }
      }
      start = nl + 1;
    }
    return skipped;
  }
}
