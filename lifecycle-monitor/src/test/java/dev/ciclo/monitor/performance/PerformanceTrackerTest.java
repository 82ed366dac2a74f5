package dev.ciclo.monitor.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.monitor.detect.Ddm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PerformanceTrackerTest {
  @Test
  @DisplayName("late, shuffled labels are joined by id; accuracy per window drops and the detector fires after the change")
  void delayedLabels() {
    PerformanceTracker t = PerformanceTracker.builder().windowSize(1_000).build();
    SplittableRandom r = new SplittableRandom(8);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    int firstDrift = -1;
    int fed = 0;
    for (int batch = 0; batch < 10; batch++) {
      List<String[]> labels = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        int id = batch * 1_000 + i;
        double error = batch < 5 ? 0.1 : 0.3;
        t.prediction("r" + id, "yes", t0.plusSeconds(id));
        labels.add(new String[] {"r" + id, r.nextDouble() < error ? "no" : "yes"});
      }
      Collections.shuffle(labels, new java.util.Random(batch));
      for (String[] l : labels) {
        fed++;
        if (t.label(l[0], l[1]) == DriftState.DRIFT && firstDrift < 0) {
          firstDrift = fed;
        }
      }
    }
    assertTrue(firstDrift > 5_000 && firstDrift < 5_500, "first drift at " + firstDrift);
    assertEquals(10, t.windows().size());
    assertEquals(0.9, t.windows().get(2).accuracy(), 0.03);
    assertEquals(0.7, t.windows().get(7).accuracy(), 0.03);
    assertEquals(t0.plusSeconds(7_000), t.windows().get(7).from());
    assertEquals(10_000, t.joined());
    assertEquals(0, t.pending());
  }

  @Test
  @DisplayName("unknown labels are counted as unmatched; a full table expires the oldest prediction")
  void bounded() {
    PerformanceTracker t = PerformanceTracker.builder().maxPending(2).detector(Ddm::create).build();
    Instant now = Instant.EPOCH;
    t.prediction("a", "x", now);
    t.prediction("b", "x", now);
    t.prediction("c", "x", now);
    assertEquals(1, t.expired());
    assertEquals(DriftState.NONE, t.label("a", "x"));
    assertEquals(1, t.unmatched());
    t.label("b", "x");
    assertEquals(1, t.joined());
    assertEquals(1, t.pending());
  }
}
