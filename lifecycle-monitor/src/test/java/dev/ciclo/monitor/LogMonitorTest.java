package dev.ciclo.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.monitor.performance.PerformanceTracker;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end case on a synthetic stand-in for the FSDD stream: 24 windows of ten
 * minutes with 500 logged predictions each; from window 12 on, a new speaker talks, street noise
 * is 12 dB louder, the model errs more (10% to 35%), predicts "8" more often with less
 * confidence, and transcripts contain new names. Labels arrive one poll late.
 */
class LogMonitorTest {
  static final int WINDOWS = 24;
  static final int CHANGE = 12;
  static final int PER_WINDOW = 500;

  /** One run of the scenario; returns the alerts raised by each poll. */
  static final class Run {
    final InMemoryLog log = new InMemoryLog();
    final MutableClock clock = new MutableClock(SpeechStream.T0);
    final List<List<Alert>> byPoll = new ArrayList<>();
    final List<Alert> heard = new ArrayList<>();
    LogMonitor monitor;

    Run(long seed) {
      this(seed, 5_000);
    }

    /** With {@code refSize} at most 1,000 the monitor uses KS and chi-square alone. */
    Run(long seed, int refSize) {
      SpeechStream s = new SpeechStream(seed, CHANGE);
      monitor = LogMonitor.builder("digits-v3", log)
          .clock(clock)
          .start(SpeechStream.T0)
          .window(SpeechStream.WINDOW)
          .numericFeature("noise_db", s.referenceNoise(refSize))
          .numericFeature("energy", s.referenceEnergy(refSize))
          .numericFeature("pitch", s.referencePitch(refSize))
          .categoricalFeature("speaker", SpeechStream.referenceSpeakers(refSize / 5))
          .predictions(SpeechStream.referenceClasses(refSize / 10))
          .confidence(s.referenceConfidence(refSize))
          .textField("transcript", VocabularyDrift.builder(SpeechStream.vocabulary())
              .baselineRate(0.005).build())
          .performance(PerformanceTracker.builder().windowSize(PER_WINDOW).build())
          .listener(a -> {
            throw new IllegalStateException("a broken listener");
          })
          .listener(heard::add)
          .build();
      log.tornAt.add(SpeechStream.T0.plus(SpeechStream.WINDOW.multipliedBy(5)));
      for (int w = 0; w < WINDOWS; w++) {
        List<PredictionRecord> records = s.window(w, PER_WINDOW);
        records.forEach(log::append);
        clock.advance(SpeechStream.WINDOW);
        byPoll.add(monitor.poll());
        // the labels of this window come in after the poll: they are joined on the next one
        for (PredictionRecord r : records) {
          monitor.label(r.requestId(), s.truth.get(r.requestId()));
        }
      }
      clock.advance(java.time.Duration.ofMinutes(1));
      byPoll.add(monitor.poll());
    }
  }

  private static Set<String> subjects(List<Alert> alerts) {
    return alerts.stream().map(Alert::subject).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  @DisplayName("no alert before the change; at the change window every changed subject alerts, stable ones never")
  void rightAlertsAtTheRightWindows() {
    Run run = new Run(42);
    for (int w = 0; w < CHANGE; w++) {
      assertEquals(List.of(), run.byPoll.get(w), "alert before the change in window " + w);
    }
    List<Alert> atChange = run.byPoll.get(CHANGE);
    assertEquals(Set.of("feature:noise_db", "feature:speaker", "prediction", "confidence",
        "vocabulary:transcript", "dataset"), subjects(atChange));
    Instant changeStart = SpeechStream.T0.plus(SpeechStream.WINDOW.multipliedBy(CHANGE));
    for (Alert a : atChange) {
      assertEquals(changeStart, a.since(), a.toString());
      assertEquals(Severity.CRITICAL, a.severity());
      assertEquals("digits-v3", a.monitor());
    }
    Alert speaker = atChange.stream().filter(a -> a.subject().equals("feature:speaker"))
        .findFirst().orElseThrow();
    assertTrue(speaker.details().get("unseenCategories").startsWith("ana="), speaker.toString());
    Alert vocab = atChange.stream().filter(a -> a.subject().equals("vocabulary:transcript"))
        .findFirst().orElseThrow();
    assertTrue(List.of(vocab.details().get("emerging").split(", ")).stream()
        .limit(3).allMatch(t -> t.matches("(zelenskyy|milei|sunak)=\\d+")), vocab.toString());

    // the error alert needs the labels of the change window: it comes with the next poll
    List<Alert> next = run.byPoll.get(CHANGE + 1);
    assertEquals(Set.of("error"), subjects(next));
    Alert error = next.get(0);
    assertTrue(!error.since().isBefore(changeStart)
        && error.since().isBefore(changeStart.plus(SpeechStream.WINDOW)), error.toString());
    assertTrue(error.magnitude() > 0 && error.magnitude() < 1, error.toString());

    // afterwards the ongoing drifts are not repeated, and stable features never alert
    for (int p = CHANGE + 2; p < run.byPoll.size(); p++) {
      assertEquals(List.of(), run.byPoll.get(p), "repeated alert at poll " + p);
    }
    List<Alert> all = run.byPoll.stream().flatMap(List::stream).toList();
    assertFalse(subjects(all).contains("feature:energy"));
    assertFalse(subjects(all).contains("feature:pitch"));
    assertEquals(all, run.heard, "the listener after a failing one heard every alert");
  }

  @Test
  @DisplayName("the same holds on other seeds: no false alarm before, detection at the change")
  void otherSeeds() {
    for (long seed : new long[] {1, 2, 3}) {
      Run run = new Run(seed);
      for (int w = 0; w < CHANGE; w++) {
        assertEquals(List.of(), run.byPoll.get(w), "seed " + seed + " window " + w);
      }
      assertTrue(subjects(run.byPoll.get(CHANGE)).containsAll(Set.of("feature:noise_db",
          "feature:speaker", "prediction", "confidence", "vocabulary:transcript", "dataset")),
          "seed " + seed + ": " + subjects(run.byPoll.get(CHANGE)));
      assertTrue(subjects(run.byPoll.get(CHANGE + 1)).contains("error"), "seed " + seed);
    }
  }

  @Test
  @DisplayName("with small references (KS and chi-square alone) the same alerts fire at the same windows")
  void smallReferences() {
    Run run = new Run(42, 1_000);
    for (int w = 0; w < CHANGE; w++) {
      assertEquals(List.of(), run.byPoll.get(w), "alert before the change in window " + w);
    }
    assertEquals(Set.of("feature:noise_db", "feature:speaker", "prediction", "confidence",
        "vocabulary:transcript", "dataset"), subjects(run.byPoll.get(CHANGE)));
    WindowReport w = run.monitor.report().windows().get(CHANGE);
    assertEquals("ks", w.results().get("feature:noise_db").test());
    assertEquals("chi-square", w.results().get("feature:speaker").test());
    assertTrue(w.results().get("feature:noise_db").pValue().getAsDouble() < 1e-30);
  }

  @Test
  @DisplayName("bad records, bad values and a torn segment are skipped and counted, never fatal")
  void badInputIsCounted() {
    Run run = new Run(42);
    MonitorReport r = run.monitor.report();
    assertEquals(WINDOWS, r.windows().size());
    assertEquals(1, r.badSegments());
    WindowReport torn = r.windows().get(5);
    assertTrue(torn.badSegment());
    assertEquals(10, torn.records() + torn.skippedRecords());
    assertFalse(torn.tested(), "10 records are too few to test");
    // 6 unusable records (i % 97 == 13) per full window with 5 watched fields missing each, and
    // 9 "n/a" noise values (i % 50 == 7, except i = 207, which is an unusable record)
    WindowReport w0 = r.windows().get(0);
    assertEquals(6, w0.skippedRecords());
    assertEquals(9 + 6 * 5, w0.badValues());
    assertEquals(PER_WINDOW - 6, w0.records());
    assertEquals(23 * PER_WINDOW + 10, r.recordsRead());
    // labels of the 490 records lost in the torn window find no prediction
    assertEquals(23, r.accuracy().size());
    assertTrue(r.accuracy().get(3).accuracy() > 0.85, r.accuracy().get(3).toString());
    assertTrue(r.accuracy().get(CHANGE + 2).accuracy() < 0.72);
  }

  @Test
  @DisplayName("a log that cannot be read at all makes poll() throw; a window that stays unreadable is skipped after three polls")
  void unreadableLog() {
    InMemoryLog log = new InMemoryLog();
    MutableClock clock = new MutableClock(SpeechStream.T0);
    LogMonitor m = LogMonitor.builder("m", log).clock(clock).start(SpeechStream.T0)
        .window(SpeechStream.WINDOW).predictions(Map.of("a", 10L)).build();
    clock.advance(SpeechStream.WINDOW);
    log.down = true;
    assertThrows(CicloException.class, m::poll);
    assertThrows(CicloException.class, m::poll);
    assertEquals(List.of(), m.poll());
    assertEquals(1, m.report().windows().size());
    assertEquals(3, m.report().badSegments());
    log.down = false;
    clock.advance(SpeechStream.WINDOW);
    assertEquals(List.of(), m.poll());
    assertEquals(2, m.report().windows().size());
  }

  @Test
  @DisplayName("count windows close every N usable records and carry a partial window across polls")
  void countWindows() {
    InMemoryLog log = new InMemoryLog();
    MutableClock clock = new MutableClock(SpeechStream.T0);
    SpeechStream s = new SpeechStream(5, 2);
    LogMonitor m = LogMonitor.builder("m", log).clock(clock).start(SpeechStream.T0)
        .windowByCount(400).categoricalFeature("speaker", SpeechStream.referenceSpeakers(1_000))
        .build();
    for (int w = 0; w < 4; w++) {
      s.window(w, 300).forEach(log::append);
      clock.advance(SpeechStream.WINDOW);
      List<Alert> alerts = m.poll();
      if (w < 2) {
        assertEquals(List.of(), alerts, "window " + w);
      }
    }
    // 4 x (300 - 4 unusable) = 1184 usable records: 2 full windows of 400, 384 waiting
    assertEquals(2, m.report().windows().size());
    assertTrue(m.report().alerts().stream().anyMatch(a -> a.subject().equals("feature:speaker")));
    TreeMap<Integer, Long> sizes = new TreeMap<>();
    m.report().windows().forEach(w -> sizes.put(w.index(), w.records()));
    assertEquals(Map.of(0, 400L, 1, 400L), sizes);
  }

  @Test
  @DisplayName("a monitor that watches nothing, or gets labels without a tracker, is refused")
  void misuse() {
    InMemoryLog log = new InMemoryLog();
    assertThrows(IllegalStateException.class, () -> LogMonitor.builder("m", log).build());
    LogMonitor m = LogMonitor.builder("m", log).predictions(Map.of("a", 1L)).build();
    assertThrows(IllegalStateException.class, () -> m.label("r1", "a"));
    assertThrows(IllegalArgumentException.class, () -> LogMonitor.builder(" ", log));
  }
}
