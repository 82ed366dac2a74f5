package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashSafetyTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a writer JVM killed with destroyForcibly mid-write leaves every complete record"
      + " readable, at most one torn line, every record's payload present and intact, and the"
      + " log can be reopened and appended to")
  void forcedKill() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), LogWriterChild.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    int lastReported = -1;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String line;
      while (lastReported < 3_000 && System.nanoTime() < deadline
          && (line = out.readLine()) != null) {
        if (line.matches("\\d+")) {
          lastReported = Integer.parseInt(line);
        }
      }
      child.destroyForcibly();
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
    } finally {
      child.destroyForcibly();
    }
    assertTrue(lastReported >= 3_000, "child wrote too little before the kill: " + lastReported);

    LogRead read = FilePredictionLog.readFolder(dir, Instant.EPOCH, Instant.MAX);
    assertTrue(read.skippedLines() <= 1, "more than the torn last line skipped: " + read);
    List<PredictionRecord> records = read.records();
    assertTrue(records.size() > lastReported,
        "records reported appended are missing: read " + records.size() + ", reported "
            + (lastReported + 1));
    for (int i = 0; i < records.size(); i++) {
      assertEquals("r" + i, records.get(i).requestId(), "records must be complete and in order");
      assertEquals(Signal.of(i), records.get(i).signals().get("i"));
    }
    assertTrue(read.segments() > 1, "the writer should have rotated segments: " + read.segments());

    try (FilePredictionLog again = FilePredictionLog.builder(dir).build()) {
      for (int i = 0; i < records.size(); i++) {
        Payload p = again.payload(records.get(i)).orElseThrow(
            () -> new AssertionError("a record references a missing payload"));
        assertArrayEquals(LogWriterChild.content(i), ((RawPayload) p).bytes());
      }
      assertEquals(0, again.corruptPayloads(), "no record references a torn payload");
      assertTrue(again.storedPayloads() < records.size(), "repeated contents are stored once");
      PredictionRecord next = LogFixtures.record("after-crash", Instant.ofEpochSecond(5), "s");
      again.append(next);
      LogRead after = again.scan(Instant.EPOCH, Instant.MAX);
      assertEquals(records.size() + 1, after.records().size());
      assertEquals(read.skippedLines(), after.skippedLines());
      assertEquals("after-crash", after.records().get(after.records().size() - 1).requestId());
    }
  }
}
