package dev.ciclo.serve.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.maintain.GateDecision;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.testing.World;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop with a live server: shadow window, swap under load, watch and roll back. */
class ServedLoopTest {
  @TempDir Path dir;
  /** Every step the loop of {@link #heard} reports (a new list for each test). */
  private final List<MaintenanceEvent> events = new CopyOnWriteArrayList<>();

  /** A loop on the world that swaps the traffic's server and whose steps go to {@link #events}. */
  private MaintenanceLoop.Builder<FeatureVector, String> heard(World w, Traffic t) {
    return w.loop().server(t.server).listener(events::add);
  }

  /**
   * A loop that watches the new champion for 20 minutes (50 labels, tolerance 0.02), fed the new
   * class and run once: the challenger that learnt it has been promoted and swapped in.
   */
  private MaintenanceLoop<FeatureVector, String> promotedAndWatched(World w, Traffic t) {
    MaintenanceLoop<FeatureVector, String> loop = heard(w, t)
        .gate(PromotionGate.builder().margin(0.05).build())
        .watch(Duration.ofMinutes(20), 50, 0.02).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);
    assertTrue(loop.runNow("new class").orElseThrow().promote());
    return loop;
  }

  private static <T> T last(List<MaintenanceEvent> events, Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " in " + events));
  }

  @Test
  @DisplayName("a challenger that passes offline but is worse on live traffic in its shadow"
      + " window is rejected; the champion keeps serving")
  void rejectedInShadow() throws Exception {
    World w = new World(dir);
    try (Traffic t = new Traffic(w).closing()) {
      MaintenanceLoop<FeatureVector, String> loop = heard(w, t)
          .gate(PromotionGate.builder().margin(0.05)
              .shadow(Duration.ofMinutes(30), 100, 0.01).build()).build();
      w.traffic(World.NEW_NEAR_B, 450, Consent.TRAINING, 13).forEach(loop::addLabel);

      GateDecision offline = loop.runNow("new class").orElseThrow();
      assertEquals(GateDecision.Verdict.PENDING_SHADOW, offline.verdict(), offline.reasons()
          .toString());
      assertEquals(MaintenanceLoop.State.SHADOWING, loop.state());
      assertThrows(IllegalStateException.class, () -> loop.runNow("again"));
      // The new class was a blip: live traffic is the old world again.
      t.send(World.OLD, 450, Consent.MONITORING, 31).forEach(loop::addLabel);
      loop.tick();
      assertEquals(MaintenanceLoop.State.SHADOWING, loop.state(), "the window is not over");
      w.clock.advance(Duration.ofMinutes(30));
      loop.tick();

      GateDecision d = last(events, MaintenanceEvent.Rejected.class).decision();
      assertEquals(GateDecision.Verdict.REJECT, d.verdict());
      assertTrue(d.reasons().get(d.reasons().size() - 1).contains("in the shadow window (450"),
          d.reasons().toString());
      assertTrue(d.evidence().get("shadow.champion") - d.evidence().get("shadow.challenger")
          > 0.01, d.evidence().toString());
      assertEquals("1", t.server.servedVersion(World.MODEL));
      assertEquals(1, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
      assertEquals(MaintenanceLoop.State.IDLE, loop.state());
      assertEquals(List.of(MaintenanceEvent.Triggered.class, MaintenanceEvent.DatasetBuilt.class,
          MaintenanceEvent.ChallengerTrained.class, MaintenanceEvent.Evaluated.class,
          MaintenanceEvent.ShadowStarted.class, MaintenanceEvent.GateDecided.class,
          MaintenanceEvent.Rejected.class),
          events.stream().<Class<?>>map(Object::getClass).toList());
      long shadowRecords = w.log.records().stream().filter(r -> r.modelVersion().equals("2"))
          .count();
      t.send(World.OLD, 10, Consent.MONITORING, 32);
      assertEquals(shadowRecords, w.log.records().stream()
          .filter(r -> r.modelVersion().equals("2")).count(), "the shadow was stopped");
    }
  }

  @Test
  @DisplayName("a promotion swaps the served model under concurrent load with no failed request;"
      + " when the watch shows the new model worse on labelled live traffic it rolls back")
  void promotedThenRolledBack() throws Exception {
    World w = new World(dir);
    ExecutorService clients = Executors.newFixedThreadPool(3);
    try (Traffic t = new Traffic(w).closing()) {
      MaintenanceLoop<FeatureVector, String> loop = heard(w, t)
          .gate(PromotionGate.builder().margin(0.05).build())
          .watch(Duration.ofHours(1), 100, 0.01).build();
      w.traffic(World.NEW_NEAR_B, 450, Consent.TRAINING, 13).forEach(loop::addLabel);
      int trainSize = loop.trainingSet().size();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int seed = c;
        load.add(clients.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .build();
          SplittableRandom r = new SplittableRandom(seed);
          for (int i = 0; i < 20_000 && !stop.get(); i++) {
            try {
              int s = t.post(client, "load-" + seed + "-" + i,
                  World.point(World.OLD.get("a"), r), Consent.NONE);
              if (s == 200) {
                ok.incrementAndGet();
              } else {
                failures.add("status " + s);
              }
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
          return null;
        }));
      }
      awaitAnswers(ok, 50, load, failures);
      GateDecision d = loop.runNow("new class").orElseThrow();
      awaitAnswers(ok, ok.get() + 50, load, failures);
      stop.set(true);
      for (Future<?> f : load) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertTrue(d.promote(), d.reasons().toString());
      assertEquals(List.of(), failures, "no request failed during the swap");
      assertEquals("2", t.server.servedVersion(World.MODEL));
      assertEquals(MaintenanceLoop.State.WATCHING, loop.state());
      assertTrue(loop.trainingSet().size() > trainSize);

      // Live traffic is the old world again; labels arrive; the new model is worse on it.
      t.send(World.OLD, 450, Consent.MONITORING, 33).forEach(loop::addLabel);
      loop.tick();

      MaintenanceEvent.RolledBack back = last(events, MaintenanceEvent.RolledBack.class);
      assertEquals(1, back.change().newVersion());
      assertEquals(2, back.change().previousVersion());
      assertTrue(back.reason().contains("below the old one's"), back.reason());
      assertEquals("1", t.server.servedVersion(World.MODEL));
      assertEquals(1, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
      assertEquals(MaintenanceLoop.State.IDLE, loop.state());
      assertEquals(trainSize, loop.trainingSet().size(), "the training set went back too");
      RunRecord record = w.runs.get(last(events, MaintenanceEvent.GateDecided.class).runId());
      assertTrue(record.notes().get(record.notes().size() - 1).startsWith("rolled back at "),
          record.notes().toString());
      assertTrue(record.metrics().get("gate.watch.old") - record.metrics().get("gate.watch.new")
          > 0.01);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  @DisplayName("a watch without trouble ends well and the new champion stays")
  void watchPasses() throws Exception {
    World w = new World(dir);
    try (Traffic t = new Traffic(w).closing()) {
      MaintenanceLoop<FeatureVector, String> loop = promotedAndWatched(w, t);
      t.send(World.NEW_APART, 150, Consent.MONITORING, 34).forEach(loop::addLabel);
      loop.tick();
      assertEquals(MaintenanceLoop.State.WATCHING, loop.state(), "the new model is not worse");
      w.clock.advance(Duration.ofMinutes(20));
      loop.tick();
      assertEquals(2, last(events, MaintenanceEvent.WatchPassed.class).version());
      assertEquals(MaintenanceLoop.State.IDLE, loop.state());
      assertEquals("2", t.server.servedVersion(World.MODEL));
    }
  }

  @Test
  @DisplayName("an alert during the watch rolls back; an INFO alert does not")
  void alertDuringWatchRollsBack() throws Exception {
    World w = new World(dir);
    try (Traffic t = new Traffic(w).closing()) {
      MaintenanceLoop<FeatureVector, String> loop = promotedAndWatched(w, t);
      assertEquals("2", t.server.servedVersion(World.MODEL));
      loop.onAlert(alert(w, Severity.INFO));
      assertEquals(MaintenanceLoop.State.WATCHING, loop.state());
      loop.onAlert(alert(w, Severity.CRITICAL));
      MaintenanceEvent.RolledBack back = last(events, MaintenanceEvent.RolledBack.class);
      assertTrue(back.reason().contains("x0 drifted"), back.reason());
      assertEquals("1", t.server.servedVersion(World.MODEL));
      assertEquals(MaintenanceLoop.State.IDLE, loop.state());
    }
  }

  private static Alert alert(World w, Severity s) {
    return new Alert("log-monitor", "x0", "ks", s, 0.4, w.clock.instant(), w.clock.instant(),
        "x0 drifted", Map.of());
  }

  /**
   * Waits until {@code ok} reaches {@code target}, for at most a minute, and fails at once if
   * every load thread has stopped (no unbounded wait when the server answers nothing).
   */
  private static void awaitAnswers(AtomicInteger ok, int target, List<? extends Future<?>> load,
      List<String> failures) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (ok.get() < target) {
      if (load.stream().allMatch(Future::isDone)) {
        throw new AssertionError("the load stopped at " + ok.get() + " answers (waiting for "
            + target + "): " + failures);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + ok.get() + " answers in a minute (waiting for "
            + target + "): " + failures);
      }
      Thread.sleep(5);
    }
  }
}
