package dev.ciclo.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import java.time.Instant;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import dev.ciclo.monitor.vocabulary.VocabularySummarizer;
import dev.ciclo.monitor.vocabulary.VocabularySummaryTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WindowSketchesTest {
  private static LogMonitor.Builder configure(LogMonitor.Builder b, SpeechStream s, MutableClock c) {
    return b.clock(c)
        .start(SpeechStream.T0)
        .window(SpeechStream.WINDOW)
        .numericFeature("noise_db", s.referenceNoise(5_000))
        .numericFeature("energy", s.referenceEnergy(5_000))
        .categoricalFeature("speaker", SpeechStream.referenceSpeakers(1_000))
        .predictions(SpeechStream.referenceClasses(500))
        .confidence(s.referenceConfidence(5_000));
  }

  /** What an engine does per partition: fill a summary from its records, as the monitor does. */
  private static void fill(WindowSketches w, List<PredictionRecord> part) {
    for (PredictionRecord r : part) {
      boolean used = false;
      for (String f : w.numericFeatures()) {
        if (r.signals().get(f) instanceof Signal.Numeric v) {
          w.numeric(f).add(v.value());
          used = true;
        } else {
          w.countBadValue();
        }
      }
      for (String f : w.categoricalFeatures()) {
        if (r.signals().get(f) instanceof Signal.Category v) {
          w.categorical(f).add(v.value());
          used = true;
        } else {
          w.countBadValue();
        }
      }
      if (!r.prediction().isEmpty()) {
        w.predictions().add(r.prediction());
        used = true;
      }
      if (!r.scores().isEmpty()) {
        w.confidence().add(r.scores().values().stream().mapToDouble(Double::doubleValue).max()
            .orElseThrow());
        used = true;
      }
      if (used) {
        w.countRecord(r.time());
      } else {
        w.countSkipped();
      }
    }
  }

  @Test
  @DisplayName("windows summarised in three parts, merged and closed give the reports and alerts"
      + " of polling the log")
  void mergedPartsEqualPolling() {
    SpeechStream a = new SpeechStream(7, 4);
    SpeechStream b = new SpeechStream(7, 4);
    InMemoryLog log = new InMemoryLog();
    MutableClock polled = new MutableClock(SpeechStream.T0);
    MutableClock fed = new MutableClock(SpeechStream.T0);
    LogMonitor reader = configure(LogMonitor.builder("m", log), a, polled).build();
    LogMonitor sink = configure(LogMonitor.builder("m"), b, fed).build();
    List<Alert> viaLog = new ArrayList<>();
    List<Alert> viaSketches = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      List<PredictionRecord> recs = a.window(w, 600);
      List<PredictionRecord> same = b.window(w, 600);
      assertEquals(recs, same);
      recs.forEach(log::append);
      polled.advance(SpeechStream.WINDOW);
      viaLog.addAll(reader.poll());
      WindowSketches whole = sink.newWindow();
      for (int p = 0; p < 3; p++) {
        WindowSketches part = sink.newWindow();
        fill(part, same.subList(p * 200, (p + 1) * 200));
        whole.merge(part);
      }
      Instant start = SpeechStream.T0.plus(SpeechStream.WINDOW.multipliedBy(w));
      fed.advance(SpeechStream.WINDOW);
      viaSketches.addAll(sink.closeWindow(start, start.plus(SpeechStream.WINDOW), whole));
    }
    assertEquals(reader.report().windows(), sink.report().windows());
    assertEquals(viaLog, viaSketches);
    assertEquals(List.of("feature:noise_db", "feature:speaker", "prediction", "confidence"),
        viaLog.stream().map(Alert::subject).filter(s -> !s.equals("dataset")).toList());
  }

  @Test
  @DisplayName("a text field's vocabulary summarised in time-ordered parts, shipped, merged in"
      + " another order and closed gives the reports and alerts of polling the log")
  void vocabularyEqualsPolling() {
    SpeechStream a = new SpeechStream(11, 4);
    SpeechStream b = new SpeechStream(11, 4);
    InMemoryLog log = new InMemoryLog();
    MutableClock polled = new MutableClock(SpeechStream.T0);
    MutableClock fed = new MutableClock(SpeechStream.T0);
    LogMonitor reader = withText(LogMonitor.builder("m", log), a, polled).build();
    LogMonitor sink = withText(LogMonitor.builder("m"), b, fed).build();
    Map<String, VocabularySummarizer> summarizers =
        VocabularySummaryTest.roundTrip(new HashMap<>(Map.of("transcript",
            sink.summarizer("transcript"))));
    List<Alert> viaLog = new ArrayList<>();
    List<Alert> viaSketches = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      List<PredictionRecord> recs = a.window(w, 600);
      List<PredictionRecord> same = b.window(w, 600);
      recs.forEach(log::append);
      polled.advance(SpeechStream.WINDOW);
      viaLog.addAll(reader.poll());
      List<WindowSketches> parts = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        WindowSketches part = sink.newWindow();
        same.subList(p * 200, (p + 1) * 200).forEach(r -> part.add(r, summarizers));
        parts.add(VocabularySummaryTest.roundTrip(part));
      }
      WindowSketches whole = sink.newWindow();
      for (int p : new int[] {2, 0, 1}) {
        whole.merge(parts.get(p));
      }
      Instant start = SpeechStream.T0.plus(SpeechStream.WINDOW.multipliedBy(w));
      fed.advance(SpeechStream.WINDOW);
      viaSketches.addAll(sink.closeWindow(start, start.plus(SpeechStream.WINDOW), whole));
    }
    assertEquals(reader.report().windows(), sink.report().windows());
    assertEquals(viaLog, viaSketches); // details too: rate, interval, emerging terms
    assertTrue(viaLog.stream().anyMatch(x -> x.subject().equals("vocabulary:transcript")),
        viaLog.toString());
    assertEquals(reader.report().badValues(), sink.report().badValues());
    assertEquals(reader.report().recordsSkipped(), sink.report().recordsSkipped());
  }

  @Test
  @DisplayName("a fed monitor's vocabulary statistics, saved after a window and handed to a new"
      + " monitor, give the vocabulary results of an uninterrupted run in the windows after;"
      + " statistics of unknown fields or out of range are refused and change nothing")
  void vocabularyStatisticsResume() {
    int windows = 8;
    List<List<PredictionRecord>> stream = new ArrayList<>();
    SpeechStream s = new SpeechStream(11, 4);
    for (int w = 0; w < windows; w++) {
      stream.add(s.window(w, 600));
    }
    List<DriftTestResult> uninterrupted = vocabularyResults(stream, 0, Map.of());
    assertTrue(uninterrupted.stream().anyMatch(r -> r != null && r.drifted()),
        uninterrupted.toString());
    for (int cut = 1; cut < windows; cut++) {
      LogMonitor first = withText(LogMonitor.builder("m"), new SpeechStream(11, 4),
          new MutableClock(SpeechStream.T0)).build();
      close(first, stream.subList(0, cut), 0);
      Map<String, Double> saved = first.vocabularyStatistics();
      assertEquals(Set.of("transcript"), saved.keySet());
      List<DriftTestResult> resumed = vocabularyResults(stream.subList(cut, windows), cut, saved);
      assertEquals(uninterrupted.subList(cut, windows), resumed, "resumed after window " + cut);
    }
    LogMonitor m = withText(LogMonitor.builder("m"), s, new MutableClock(SpeechStream.T0))
        .build();
    m.resumeVocabularyStatistics(Map.of("transcript", 3.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.resumeVocabularyStatistics(Map.of("transcript", 1.0, "query", 1.0)));
    assertEquals("statistics must be keyed by the text fields [transcript] but held 'query'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> m.resumeVocabularyStatistics(Map.of("transcript", -1.0)));
    assertEquals(Map.of("transcript", 3.0), m.vocabularyStatistics());
  }

  /** Closes the windows with a fresh text monitor resumed from {@code saved}. */
  private static List<DriftTestResult> vocabularyResults(List<List<PredictionRecord>> windows,
      int firstIndex, Map<String, Double> saved) {
    LogMonitor m = withText(LogMonitor.builder("m"), new SpeechStream(11, 4),
        new MutableClock(SpeechStream.T0)).build();
    m.resumeVocabularyStatistics(saved);
    close(m, windows, firstIndex);
    return m.report().windows().stream()
        .map(w -> w.results().get("vocabulary:transcript")).toList();
  }

  private static void close(LogMonitor m, List<List<PredictionRecord>> windows, int firstIndex) {
    Map<String, VocabularySummarizer> summarizers =
        Map.of("transcript", m.summarizer("transcript"));
    for (int i = 0; i < windows.size(); i++) {
      WindowSketches w = m.newWindow();
      windows.get(i).forEach(r -> w.add(r, summarizers));
      Instant start = SpeechStream.T0.plus(SpeechStream.WINDOW.multipliedBy(firstIndex + i));
      m.closeWindow(start, start.plus(SpeechStream.WINDOW), w);
    }
  }

  @Test
  @DisplayName("a summary with a text field the monitor does not watch, or filled by another"
      + " monitor's summarizer, is refused and changes nothing; so is asking for an undeclared"
      + " field's summarizer")
  void textMisuse() {
    SpeechStream s = new SpeechStream(1, 4);
    LogMonitor sink = withText(LogMonitor.builder("m"), s, new MutableClock(SpeechStream.T0))
        .build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sink.summarizer("query"));
    assertEquals("field must be one of the text fields [transcript] but was 'query'",
        e.getMessage());
    WindowSketches extra = WindowSketches.create(List.of("noise_db", "energy"),
        List.of("speaker"), List.of("query", "transcript"), true, true);
    e = assertThrows(IllegalArgumentException.class,
        () -> sink.closeWindow(SpeechStream.T0, SpeechStream.T0, extra));
    assertTrue(e.getMessage().startsWith("other must watch the same features as this one"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> extra.text("nope"));
    assertEquals("field must be one of the text fields [query, transcript] but was 'nope'",
        e.getMessage());
    LogMonitor other = LogMonitor.builder("o").textField("transcript",
        VocabularyDrift.builder(Set.of("call")).build()).build();
    WindowSketches theirs = sink.newWindow();
    for (PredictionRecord r : s.window(0, 100)) {
      theirs.add(r, Map.of("transcript", other.summarizer("transcript")));
    }
    assertThrows(IllegalArgumentException.class,
        () -> sink.closeWindow(SpeechStream.T0, SpeechStream.T0, theirs));
    assertEquals(0, sink.report().windows().size());
    assertEquals(0, sink.report().recordsRead());
  }

  private static LogMonitor.Builder withText(LogMonitor.Builder b, SpeechStream s,
      MutableClock c) {
    return configure(b, s, c).textField("transcript",
        VocabularyDrift.builder(SpeechStream.vocabulary()).baselineRate(0.005).build());
  }

  @Test
  @DisplayName("a fed monitor has nothing to poll, and a summary of other features is refused")
  void misuse() {
    SpeechStream s = new SpeechStream(1, 4);
    MutableClock c = new MutableClock(SpeechStream.T0);
    LogMonitor sink = configure(LogMonitor.builder("m"), s, c).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, sink::poll);
    assertEquals("monitor 'm' has no log to poll: it is fed with closeWindow", e.getMessage());
    LogMonitor other = LogMonitor.builder("o").numericFeature("x", new double[] {1, 2}).build();
    assertThrows(IllegalArgumentException.class,
        () -> sink.closeWindow(SpeechStream.T0, SpeechStream.T0, other.newWindow()));
    assertThrows(IllegalArgumentException.class,
        () -> sink.newWindow().numeric("pitch"));
  }
}
