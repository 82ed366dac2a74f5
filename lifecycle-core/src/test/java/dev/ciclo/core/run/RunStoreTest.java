package dev.ciclo.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("run records are readable JSON files in runs/ that list and compare")
class RunStoreTest {
  @TempDir Path dir;

  static RunRecord record(String id, String lr, double acc, Instant start) {
    return new RunRecord(id, "mlp", Map.of("lr", lr, "layers", "64"), 7,
        Map.of("train", "ab".repeat(32)),
        List.of(new EpochMetrics(1, 0.9, 0.01, Map.of("dev.accuracy", acc - 0.1),
            Duration.ofMillis(12)), new EpochMetrics(2, 0.5, 0.01, Map.of("dev.accuracy", acc),
            Duration.ofMillis(11))),
        Map.of("dev.accuracy", acc), RunEnvironment.current(), start, Duration.ofSeconds(3),
        RunOutcome.STOPPED_EARLY, List.of("a note"));
  }

  @Test
  @DisplayName("save then get gives an equal record; the file is readable JSON")
  void roundTrip() throws IOException {
    RunStore store = RunStore.in(Workspace.open(dir));
    RunRecord r = record("run-1", "0.01", 0.8, Instant.parse("2026-01-01T10:00:00Z"));
    Path f = store.save(r);
    assertEquals(r, store.get("run-1"));
    String json = Files.readString(f);
    assertTrue(json.contains("\"start\" : \"2026-01-01T10:00:00Z\"")
        && json.contains("\"duration\" : \"PT3S\"") && json.contains("\"outcome\" : \"STOPPED_EARLY\""),
        json);
  }

  @Test
  @DisplayName("list is ordered by start; compare shows differing parameters and metrics")
  void listAndCompare() {
    RunStore store = RunStore.in(Workspace.open(dir));
    store.save(record("b", "0.1", 0.7, Instant.parse("2026-01-02T00:00:00Z")));
    store.save(record("a", "0.01", 0.9, Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals(List.of("a", "b"), store.list().stream().map(RunRecord::runId).toList());
    RunComparison c = store.compare(List.of("a", "b"));
    assertEquals(Map.of("lr", List.of("0.01", "0.1")), c.differingParameters());
    assertEquals(List.of(0.9, 0.7), c.metrics().get("dev.accuracy"));
    assertTrue(c.toTable().contains("lr"), c.toTable());
  }

  @Test
  @DisplayName("an unknown run or an id that is not a file name is refused")
  void badIds() {
    RunStore store = RunStore.in(Workspace.open(dir));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.get("missing"));
    assertTrue(e.getMessage().contains("no run 'missing'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> store.get("../etc/passwd"));
    assertTrue(e.getMessage().contains("but was '../etc/passwd'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.compare(List.of()));
  }

  @Test
  @DisplayName("RunRecorder records a one-shot trainer with no epochs, or a failure")
  void recorder() {
    RunStore store = RunStore.in(Workspace.open(dir));
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    RunRecorder rec = RunRecorder.builder().store(store).clock(clock).build();
    Dataset<Integer, String> data = Dataset.of("d", List.of(Example.of("1", 1, "odd"),
        Example.of("2", 2, "even")));
    Trainer<Integer, String> parity = new Trainer<>() {
      @Override
      public dev.ciclo.api.train.Model<Integer, String> train(Dataset<Integer, String> d, long s) {
        if (d.size() < 2) {
          throw new IllegalArgumentException("too small");
        }
        return new dev.ciclo.core.persist.ModelFilesTestModel();
      }

      @Override
      public String name() {
        return "parity";
      }

      @Override
      public Map<String, String> parameters() {
        return Map.of("rule", "x % 2");
      }
    };
    RunRecorder.Result<Integer, String> r = rec.train(parity, data, data, 3);
    assertEquals(List.of(), r.record().epochs());
    assertEquals(1.0, r.record().metrics().get("dev.accuracy"));
    assertEquals(data.fingerprint(), r.record().datasetFingerprints().get("train"));
    assertEquals(r.record(), store.get(r.record().runId()));
    assertTrue(r.record().environment().containsKey("java.version"));
    Dataset<Integer, String> one = data.filter("one", e -> e.input() == 1);
    assertThrows(IllegalArgumentException.class, () -> rec.train(parity, one, one, 4));
    RunRecord failed = store.get(RunRecorder.runId("parity", clock.instant(), 4));
    assertEquals(RunOutcome.FAILED, failed.outcome());
  }
}
