package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePredictionLogTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  private FilePredictionLog.Builder log() {
    return FilePredictionLog.builder(dir).clock(clock).privacyPolicy(PrivacyPolicy.keepAll());
  }

  @Test
  @DisplayName("records read back equal the records appended, in order, within [from, to)")
  void roundTrip() {
    List<PredictionRecord> written = new ArrayList<>();
    try (FilePredictionLog log = log().build()) {
      for (int i = 0; i < 10; i++) {
        PredictionRecord r = LogFixtures.record("r" + i, T0.plusSeconds(i), "s" + i);
        assertTrue(log.append(r));
        written.add(r);
      }
      assertEquals(written, log.read(T0, T0.plusSeconds(100)).toList());
      assertEquals(written.subList(2, 5), log.read(T0.plusSeconds(2), T0.plusSeconds(5)).toList());
      assertThrows(IllegalArgumentException.class, () -> log.read(T0.plusSeconds(1), T0));
    }
    assertEquals(written, FilePredictionLog.readFolder(dir, T0, Instant.MAX).records());
    assertThrows(IllegalStateException.class, () -> {
      FilePredictionLog closed = log().build();
      closed.close();
      closed.append(written.get(0));
    });
  }

  @Test
  @DisplayName("a record without consent is not stored, only counted")
  void consent() {
    try (FilePredictionLog log = log().build()) {
      assertFalse(log.append(LogFixtures.record("no", T0, "s", Consent.NONE)));
      assertTrue(log.append(LogFixtures.record("yes", T0, "s", Consent.TRAINING)));
      assertEquals(1, log.refusedForConsent());
      assertEquals(1, log.appended());
      assertEquals(List.of("yes"),
          log.read(T0, Instant.MAX).map(PredictionRecord::requestId).toList());
    }
  }

  @Test
  @DisplayName("the privacy policy keeps, drops, hashes (salted) and buckets fields as declared;"
      + " undeclared fields are dropped by default")
  void privacy() {
    PrivacyPolicy policy = PrivacyPolicy.builder().keep("device").hash("user").bucket("age", 10)
        .salt("pepper").build();
    try (FilePredictionLog log = FilePredictionLog.builder(dir).clock(clock)
        .privacyPolicy(policy).build()) {
      log.append(LogFixtures.record("r", T0, "s"));
      Map<String, Signal> input =
          log.read(T0, Instant.MAX).findFirst().orElseThrow().signals();
      assertEquals(Signal.of("phone"), input.get("device"));
      assertEquals(Signal.of("[30.0, 40.0)"), input.get("age"));
      assertFalse(input.containsKey("secret"));
      String user = ((Signal.Category) input.get("user")).value();
      assertEquals(64, user.length());
      assertNotEquals("alice", user);
      assertEquals(input.get("user"),
          policy.apply(Map.of("user", Signal.of("alice"))).get("user"), "hashes are stable");
      assertNotEquals(input.get("user"), PrivacyPolicy.builder().hash("user").salt("other")
          .build().apply(Map.of("user", Signal.of("alice"))).get("user"),
          "the salt changes the hash");
    }
    assertEquals(Map.of(), PrivacyPolicy.builder().bucket("age", 5).build()
        .apply(Map.of("age", Signal.of("old"))), "a category in a bucket field is dropped");
    assertEquals(Signal.of("[-10.0, -5.0)"), PrivacyPolicy.builder().bucket("t", 5).build()
        .apply(Map.of("t", Signal.of(-7.5))).get("t"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrivacyPolicy.builder().bucket("age", 0));
    assertTrue(e.getMessage().contains("width of bucket field 'age' must be positive"));
  }

  @Test
  @DisplayName("segments rotate by size and by age, and reads span them in order")
  void rotation() throws Exception {
    try (FilePredictionLog log = log().maxSegmentBytes(1024).maxSegmentAge(Duration.ofMinutes(10))
        .build()) {
      for (int i = 0; i < 20; i++) {
        log.append(LogFixtures.record("r" + i, T0.plusSeconds(i), "s"));
      }
      int bySize = segmentCount();
      assertTrue(bySize >= 5, "about 330-byte records in 1 KiB segments: " + bySize);
      for (Path p : Files.list(dir).toList()) {
        assertTrue(Files.size(p) <= 1024, p + " is " + Files.size(p));
      }
      log.append(LogFixtures.record("a", T0.plusSeconds(30), "s"));
      int before = segmentCount();
      clock.advance(Duration.ofMinutes(11));
      log.append(LogFixtures.record("b", T0.plusSeconds(700), "s"));
      assertEquals(before + 1, segmentCount(), "an old segment rotates on the next append");
      LogRead all = log.scan(T0, Instant.MAX);
      assertEquals(22, all.records().size());
      assertEquals(0, all.skippedLines());
      assertEquals("b", all.records().get(21).requestId());
    }
  }

  @Test
  @DisplayName("records past retention are not read, and their segments are deleted")
  void retention() throws Exception {
    try (FilePredictionLog log = log().maxSegmentAge(Duration.ofHours(1))
        .retention(Duration.ofDays(1)).build()) {
      log.append(LogFixtures.record("old", clock.instant(), "s"));
      clock.advance(Duration.ofHours(2));
      log.append(LogFixtures.record("mid", clock.instant(), "s"));
      clock.advance(Duration.ofHours(23));
      assertEquals(List.of("mid"), log.read(T0, Instant.MAX).map(PredictionRecord::requestId)
          .toList(), "'old' is 25 h old, past the 24 h retention");
      log.append(LogFixtures.record("new", clock.instant(), "s"));
      clock.advance(Duration.ofHours(2));
      log.append(LogFixtures.record("newer", clock.instant(), "s"));
      assertEquals(3, segmentCount(),
          "the segment of 'old' (appends until T0+2h) went on rotation at T0+27h, 1 day later");
      clock.advance(Duration.ofDays(2));
      assertEquals(0, log.read(T0, Instant.MAX).count());
      assertEquals(2, log.applyRetention());
      assertEquals(1, segmentCount(), "the active segment stays");
    }
  }

  @Test
  @DisplayName("erase removes every record of a subject, in closed and active segments, and"
      + " appending goes on")
  void erase() {
    try (FilePredictionLog log = log().maxSegmentBytes(1024).build()) {
      for (int i = 0; i < 12; i++) {
        log.append(LogFixtures.record("r" + i, T0.plusSeconds(i), i % 3 == 0 ? "alice" : "bob"));
      }
      assertEquals(4, log.erase("alice"));
      assertEquals(0, log.erase("alice"));
      log.append(LogFixtures.record("r12", T0.plusSeconds(12), "alice"));
      log.append(LogFixtures.record("r13", T0.plusSeconds(13), "bob"));
      Map<String, Long> bySubject = log.read(T0, Instant.MAX)
          .collect(Collectors.groupingBy(PredictionRecord::subjectId, Collectors.counting()));
      assertEquals(Map.of("alice", 1L, "bob", 9L), bySubject);
      assertEquals(0, log.scan(T0, Instant.MAX).skippedLines());
      assertThrows(IllegalArgumentException.class, () -> log.erase(" "));
    }
  }

  @Test
  @DisplayName("a torn or damaged line is skipped and counted; every other record is read")
  void tornLines() throws Exception {
    try (FilePredictionLog log = log().build()) {
      log.append(LogFixtures.record("a", T0, "s"));
      log.append(LogFixtures.record("b", T0, "s"));
    }
    Path seg = Files.list(dir).findFirst().orElseThrow();
    String text = Files.readString(seg);
    String damaged = text.replaceFirst("\"a\"", "\"A\"");
    Files.writeString(seg, damaged + text.substring(0, text.indexOf('\n') / 2),
        StandardCharsets.UTF_8);
    LogRead read = FilePredictionLog.readFolder(dir, T0, Instant.MAX);
    assertEquals(List.of("b"), read.records().stream().map(PredictionRecord::requestId).toList());
    assertEquals(2, read.skippedLines(), "one CRC mismatch and one torn tail");
    Files.writeString(seg, "\n", StandardOpenOption.APPEND);
    assertEquals(2, FilePredictionLog.readFolder(dir, T0, Instant.MAX).skippedLines());
  }

  @Test
  @DisplayName("concurrent appenders lose no record")
  void concurrentAppends() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (FilePredictionLog log = log().maxSegmentBytes(4096).build()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int th = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            log.append(LogFixtures.record(th + "-" + i, T0, "s"));
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
      LogRead read = log.scan(T0, Instant.MAX);
      assertEquals(800, read.records().stream().map(PredictionRecord::requestId).distinct()
          .count());
      assertEquals(0, read.skippedLines());
    } finally {
      pool.shutdownNow();
    }
  }

  private int segmentCount() throws Exception {
    try (var s = Files.list(dir)) {
      return (int) s.filter(p -> p.getFileName().toString().startsWith("predictions-")).count();
    }
  }
}
