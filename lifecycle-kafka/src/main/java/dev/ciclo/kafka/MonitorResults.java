package dev.ciclo.kafka;

import dev.ciclo.api.CicloException;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.report.ReportWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@link KafkaLogMonitor}'s results directory: one JSON report per closed window and the state
 * to resume from. Every file is written to a temporary file, forced to disk and renamed.
 */
final class MonitorResults {
  static final String STATE = "state.properties";

  /**
   * What a restart needs.
   *
   * @param windows windows closed so far (the next window's index)
   * @param doneUntil the end of the last closed window (epoch ms), or {@link Long#MIN_VALUE}
   * @param drifting the subjects that drifted in the last tested window
   * @param starved whether the last window with records carried none of the watched signals
   * @param noDataAlerts "no data" alerts raised so far
   * @param offsets by partition, the offset to resume reading from
   * @param vocabulary by text field, the sequential test's statistic after the last closed window
   *     ({@link dev.ciclo.monitor.LogMonitor#vocabularyStatistics()})
   */
  record State(int windows, long doneUntil, List<String> drifting, boolean starved,
      long noDataAlerts, Map<Integer, Long> offsets, Map<String, Double> vocabulary) {
    State {
      drifting = List.copyOf(drifting);
      offsets = Map.copyOf(offsets);
      vocabulary = Map.copyOf(vocabulary);
    }
  }

  private final Path dir;

  MonitorResults(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CicloException("cannot create the monitor's results directory " + dir, e);
    }
  }

  static String windowFile(int index) {
    return String.format(java.util.Locale.ROOT, "window-%06d.json", index);
  }

  void writeWindow(int index, MonitorReport report) {
    write(dir.resolve(windowFile(index)), ReportWriter.json(report));
  }

  void saveState(State s) {
    Properties p = new Properties();
    p.setProperty("windows", Integer.toString(s.windows()));
    p.setProperty("doneUntil", Long.toString(s.doneUntil()));
    for (int i = 0; i < s.drifting().size(); i++) {
      p.setProperty("drifting." + i, s.drifting().get(i));
    }
    p.setProperty("starved", Boolean.toString(s.starved()));
    p.setProperty("noDataAlerts", Long.toString(s.noDataAlerts()));
    s.offsets().forEach((k, v) -> p.setProperty("offset." + k, Long.toString(v)));
    // Double.toString gives back the same double: the restored statistic is the saved one
    s.vocabulary().forEach((k, v) -> p.setProperty("vocabulary." + k, Double.toString(v)));
    StringWriter w = new StringWriter();
    try {
      p.store(w, "KafkaLogMonitor state: written after each window's report, before the commit");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    write(dir.resolve(STATE), w.toString());
  }

  State load() {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(STATE), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return new State(0, Long.MIN_VALUE, List.of(), false, 0, Map.of(), Map.of());
    } catch (IOException e) {
      throw new CicloException("cannot read the monitor's state " + dir.resolve(STATE), e);
    }
    try {
      List<String> drifting = new ArrayList<>();
      for (int i = 0; p.containsKey("drifting." + i); i++) {
        drifting.add(p.getProperty("drifting." + i));
      }
      Map<Integer, Long> offsets = new TreeMap<>();
      Map<String, Double> vocabulary = new TreeMap<>();
      for (String k : p.stringPropertyNames()) {
        if (k.startsWith("offset.")) {
          offsets.put(Integer.valueOf(k.substring(7)), Long.valueOf(p.getProperty(k)));
        } else if (k.startsWith("vocabulary.")) {
          vocabulary.put(k.substring(11), Double.valueOf(p.getProperty(k)));
        }
      }
      return new State(Integer.parseInt(p.getProperty("windows")),
          Long.parseLong(p.getProperty("doneUntil")), drifting,
          Boolean.parseBoolean(p.getProperty("starved")),
          Long.parseLong(p.getProperty("noDataAlerts")), offsets, vocabulary);
    } catch (RuntimeException e) {
      throw new CicloException("the monitor's state " + dir.resolve(STATE) + " is damaged: "
          + e.getMessage(), e);
    }
  }

  private void write(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          c.write(b);
        }
        c.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CicloException("cannot write " + file, e);
    }
  }
}
