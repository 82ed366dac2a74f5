package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceLoopTest {
  @TempDir Path dir;
  /** Every step the loop of {@link #heard} reports, in order (a new list for each test). */
  private final List<MaintenanceEvent> events = new ArrayList<>();

  /** A loop on the world whose steps go to {@link #events}. */
  private MaintenanceLoop.Builder<FeatureVector, String> heard(World w) {
    return w.loop().listener(events::add);
  }

  /** A gate that promotes a challenger that beats the champion by the margin. */
  private static PromotionGate margin(double margin) {
    return PromotionGate.builder().margin(margin).build();
  }

  private static List<Class<?>> kinds(List<MaintenanceEvent> events) {
    return events.stream().<Class<?>>map(Object::getClass).toList();
  }

  private static <T> T last(List<MaintenanceEvent> events, Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " in " + events));
  }

  @Test
  @DisplayName("a clearly better challenger (it learnt a new class) is promoted, every step is"
      + " heard in order, and the decision is written to its run record")
  void promotesClearlyBetter() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = heard(w).gate(margin(0.05)).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);

    GateDecision d = loop.runNow("new class seen").orElseThrow();

    assertTrue(d.promote(), d.reasons().toString());
    assertTrue(d.evidence().get("challenger.accuracy") > d.evidence().get("champion.accuracy")
        + 0.2, d.evidence().toString());
    assertEquals(2, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
    assertEquals(List.of(MaintenanceEvent.Triggered.class, MaintenanceEvent.DatasetBuilt.class,
        MaintenanceEvent.ChallengerTrained.class, MaintenanceEvent.Evaluated.class,
        MaintenanceEvent.GateDecided.class, MaintenanceEvent.Promoted.class), kinds(events));
    String runId = last(events, MaintenanceEvent.GateDecided.class).runId();
    RunRecord written = w.runs.get(runId);
    assertTrue(written.notes().contains("gate.verdict: PROMOTE"), written.notes().toString());
    assertTrue(written.notes().stream().anyMatch(n -> n.startsWith("trigger: MANUAL")));
    assertEquals(d.evidence().get("challenger.accuracy"),
        written.metrics().get("gate.challenger.accuracy"));
    RunRecord champion = w.runs.get(w.champion.runId());
    assertEquals(champion.seed(), written.seed(), "same recipe: same seed");
    assertEquals(champion.trainer(), written.trainer());
    assertEquals(champion.parameters(), written.parameters());
    MaintenanceEvent.DatasetBuilt built = last(events, MaintenanceEvent.DatasetBuilt.class);
    assertEquals(w.oldTrain.size() + built.fromLog(), loop.trainingSet().size());
    assertEquals(300, built.fromLog() + built.freshSize());
    assertEquals(built.trainFingerprint(), written.datasetFingerprints().get("train"));
    assertEquals(MaintenanceLoop.State.IDLE, loop.state());
  }

  @Test
  @DisplayName("when the world has not changed the challenger does not win by the margin and is"
      + " rejected; the champion alias stays and the challenger alias names the new version")
  void rejectedForMargin() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = heard(w).gate(margin(0.02)).build();
    w.traffic(World.OLD, 300, Consent.TRAINING, 12).forEach(loop::addLabel);

    GateDecision d = loop.runNow("weekly").orElseThrow();

    assertEquals(GateDecision.Verdict.REJECT, d.verdict());
    assertTrue(d.reasons().get(0).contains("below the margin 0.0200"), d.reasons().toString());
    assertEquals(1, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
    assertEquals(2, w.registry.aliased(World.MODEL, "challenger").orElseThrow().version());
    assertEquals(MaintenanceEvent.Rejected.class, events.get(events.size() - 1).getClass());
    assertEquals(w.oldTrain.fingerprint(), loop.trainingSet().fingerprint(),
        "a rejected cycle does not grow the training set");
  }

  @Test
  @DisplayName("a challenger that wins overall but gets worse on a declared slice beyond the"
      + " tolerance is rejected, and without that slice the same data promotes it")
  void rejectedForSlice() {
    PromotionGate withSlice = PromotionGate.builder().margin(0.05)
        .slice("b", e -> e.target().equals("b")).sliceTolerance(0.02).build();
    World w = new World(dir.resolve("with"));
    MaintenanceLoop<FeatureVector, String> loop = w.loop().gate(withSlice).build();
    w.traffic(World.NEW_NEAR_B, 450, Consent.TRAINING, 13).forEach(loop::addLabel);

    GateDecision d = loop.runNow("new class").orElseThrow();

    assertEquals(GateDecision.Verdict.REJECT, d.verdict(), d.reasons().toString());
    assertTrue(d.reasons().get(0).contains("beats the champion's"), d.reasons().toString());
    assertTrue(d.reasons().get(1).startsWith("slice 'b'") && d.reasons().get(1).contains(
        "gets worse"), d.reasons().toString());
    assertTrue(d.evidence().get("slice.b.count") >= 20);

    World v = new World(dir.resolve("without"));
    MaintenanceLoop<FeatureVector, String> plain = v.loop().gate(margin(0.05)).build();
    v.traffic(World.NEW_NEAR_B, 450, Consent.TRAINING, 13).forEach(plain::addLabel);
    assertTrue(plain.runNow("new class").orElseThrow().promote());
  }

  @Test
  @DisplayName("records whose consent is MONITORING only are never trained or evaluated on,"
      + " however many labels they have")
  void monitoringConsentNeverUsed() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = heard(w).minFresh(10).build();
    List<LabelRecord> monitoring = w.traffic(World.NEW_APART, 300, Consent.MONITORING, 14);
    List<LabelRecord> training = w.traffic(World.OLD, 150, Consent.TRAINING, 15);
    monitoring.forEach(loop::addLabel);
    training.forEach(loop::addLabel);

    assertTrue(loop.runNow("check").isPresent());

    MaintenanceEvent.DatasetBuilt built = last(events, MaintenanceEvent.DatasetBuilt.class);
    assertEquals(300, built.withoutTrainingConsent());
    assertEquals(150, built.fromLog() + built.freshSize());
    Set<String> monitoringIds =
        monitoring.stream().map(LabelRecord::requestId).collect(Collectors.toSet());
    RunRecord run = last(events, MaintenanceEvent.ChallengerTrained.class).run();
    // Rebuild what the loop used and check no monitoring-only id is in it.
    LogJoin.Built<FeatureVector, String> used = LogJoin.build(w.log, java.time.Instant.EPOCH,
        w.clock.instant(), World.MODEL,
        training.stream().collect(Collectors.toMap(LabelRecord::requestId,
            l -> new LogJoin.Labelled<>(l.label(), l.time()))),
        World::decode, 0.3);
    assertEquals(built.fromLog(), used.train().size());
    used.train().forEach(e -> assertTrue(!monitoringIds.contains(e.id()), e.id()));
    used.fresh().forEach(e -> assertTrue(!monitoringIds.contains(e.id()), e.id()));
    assertEquals(run.datasetFingerprints().get("train"), w.oldTrain.concat(Dataset.of("x",
        used.train())).fingerprint(), "the loop trained on exactly the consented records");
  }

  @Test
  @DisplayName("with too little fresh labelled data the cycle is skipped before training")
  void skippedWithoutData() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = heard(w).minFresh(30).build();
    w.traffic(World.NEW_APART, 40, Consent.TRAINING, 16).forEach(loop::addLabel);
    w.traffic(World.NEW_APART, 200, Consent.TRAINING, 17); // no labels arrive for these

    assertTrue(loop.runNow("too early").isEmpty());

    assertEquals(List.of(MaintenanceEvent.Triggered.class, MaintenanceEvent.DatasetBuilt.class,
        MaintenanceEvent.Skipped.class), kinds(events));
    assertEquals(200, last(events, MaintenanceEvent.DatasetBuilt.class).withoutLabel());
    assertEquals(1, w.registry.versions(World.MODEL).size(), "nothing was trained");
  }

  @Test
  @DisplayName("alerts that pass the filter, a due schedule and enough labels each start a cycle;"
      + " an INFO alert and a schedule not yet due do not")
  void triggers() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = heard(w)
        .schedule(Duration.ofHours(1)).labelThreshold(500).build();
    w.traffic(World.OLD, 120, Consent.TRAINING, 18).forEach(loop::addLabel);

    loop.onAlert(alert(w, Severity.INFO));
    loop.tick();
    assertEquals(List.of(), events, "INFO alert and a schedule 2 minutes old start nothing");

    loop.onAlert(alert(w, Severity.CRITICAL));
    assertEquals(Trigger.Kind.ALERT,
        last(events, MaintenanceEvent.Triggered.class).trigger().kind());
    assertTrue(last(events, MaintenanceEvent.Triggered.class).trigger().reason()
        .contains("vocabulary drift"));

    w.clock.advance(Duration.ofMinutes(61));
    loop.tick();
    assertEquals(Trigger.Kind.SCHEDULE,
        last(events, MaintenanceEvent.Triggered.class).trigger().kind());

    w.traffic(World.OLD, 500, Consent.TRAINING, 19).forEach(loop::addLabel);
    assertEquals(Trigger.Kind.LABELS,
        last(events, MaintenanceEvent.Triggered.class).trigger().kind());
    assertEquals(3, events.stream().filter(e -> e instanceof MaintenanceEvent.Triggered).count());
  }

  private static Alert alert(World w, Severity s) {
    return new Alert("log-monitor", "query", "vocabulary", s, 0.3, w.clock.instant(),
        w.clock.instant(), "vocabulary drift: new terms", Map.of());
  }

  @Test
  @DisplayName("a listener that throws does not stop the loop")
  void throwingListener() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = w.loop()
        .listener(e -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(events::add).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 20).forEach(loop::addLabel);
    assertTrue(loop.runNow("go").orElseThrow().promote());
    assertEquals(6, events.size());
  }

  @Test
  @DisplayName("bad configuration and wrong steps get errors that name what was wrong")
  void badInputs() {
    World w = new World(dir);
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> MaintenanceLoop.builder(World.MODEL, FeatureVector.class).registry(w.registry)
            .build());
    assertEquals("runs", npe.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> MaintenanceLoop.builder(" ", FeatureVector.class));
    IllegalStateException noServer = assertThrows(IllegalStateException.class,
        () -> w.loop().gate(PromotionGate.builder().shadow(Duration.ofMinutes(5), 10, 0.01)
            .build()).build());
    assertTrue(noServer.getMessage().contains("needs a server"));
    assertThrows(IllegalArgumentException.class,
        () -> w.loop().watch(Duration.ofMinutes(5), 0, 0.01));
    assertThrows(IllegalArgumentException.class,
        () -> w.loop().watch(Duration.ofMinutes(5), 10, 1.5));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> w.loop().freshFraction(1.0)).getMessage().contains("freshFraction"));
    assertThrows(IllegalArgumentException.class, () -> w.loop().minFresh(0));
    assertThrows(IllegalArgumentException.class, () -> w.loop().labelThreshold(-1));
    assertThrows(IllegalArgumentException.class, () -> w.loop().schedule(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> w.loop().aliases("champion", "champion"));

    MaintenanceLoop<FeatureVector, String> noRecipe = w.loop().recipes((name, params) ->
        java.util.Optional.empty()).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> noRecipe.runNow("go"));
    assertTrue(e.getMessage().contains("no recipe for the champion's trainer"
        + " 'logistic-regression'"), e.getMessage());
    MaintenanceLoop<FeatureVector, String> noAlias = w.loop().aliases("prod", "next").build();
    assertTrue(assertThrows(IllegalStateException.class, () -> noAlias.runNow("go"))
        .getMessage().contains("alias 'prod'"));
    assertThrows(IllegalArgumentException.class, () -> w.loop().build().runNow(" "));

    assertThrows(IllegalArgumentException.class,
        () -> new LabelRecord("r1", " ", w.clock.instant()));
    assertThrows(IllegalArgumentException.class,
        () -> new LabelRecord("", "a", w.clock.instant()));
    assertThrows(NullPointerException.class, () -> new LabelRecord("r1", "a", null));
    assertThrows(IllegalArgumentException.class,
        () -> Recipes.of(List.of(w.trainer, w.trainer)));
    assertThrows(IllegalArgumentException.class, () -> Recipes.of(List.of()));
  }

  @Test
  @DisplayName("records the decoder refuses are counted and left out; a cycle whose training"
      + " fails throws, leaves the loop idle, and the next cycle works")
  void recoversAfterFailure() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> refusing = heard(w).decoder(r -> {
      throw new IllegalArgumentException("cannot decode");
    }).minFresh(1).build();
    List<LabelRecord> labels = w.traffic(World.NEW_APART, 60, Consent.TRAINING, 21);
    labels.forEach(refusing::addLabel);
    assertTrue(refusing.runNow("all undecodable").isEmpty());
    assertEquals(60, last(events, MaintenanceEvent.DatasetBuilt.class).undecodable());

    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    dev.ciclo.api.train.Trainer<FeatureVector, String> flaky = new dev.ciclo.api.train.Trainer<>() {
      @Override
      public dev.ciclo.api.train.Model<FeatureVector, String> train(
          Dataset<FeatureVector, String> data, long seed) {
        if (fail.get()) {
          throw new IllegalStateException("out of memory, say");
        }
        return w.trainer.train(data, seed);
      }

      @Override
      public String name() {
        return w.trainer.name();
      }

      @Override
      public Map<String, String> parameters() {
        return w.trainer.parameters();
      }
    };
    MaintenanceLoop<FeatureVector, String> loop = w.loop().recipes(Recipes.of(List.of(flaky)))
        .gate(margin(0.05)).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 25).forEach(loop::addLabel);
    assertThrows(IllegalStateException.class, () -> loop.runNow("first try"));
    assertEquals(MaintenanceLoop.State.IDLE, loop.state());
    assertEquals(1, w.registry.versions(World.MODEL).size(), "nothing was registered");
    fail.set(false);
    assertTrue(loop.runNow("second try").orElseThrow().promote());
  }

  @Test
  @DisplayName("without a server, the watch compares the new version's labelled live answers with"
      + " the old version's before the swap: much worse rolls back the alias, as good passes")
  void watchWithoutServer() {
    World w = new World(dir.resolve("bad"));
    MaintenanceLoop<FeatureVector, String> loop = heard(w)
        .gate(margin(0.05))
        .watch(Duration.ofMinutes(30), 50, 0.05).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);
    assertTrue(loop.runNow("new class").orElseThrow().promote());
    assertEquals(MaintenanceLoop.State.WATCHING, loop.state());
    // the world flips a and b: the new champion's logged answers are now mostly wrong
    w.traffic(World.FLIPPED, 60, Consent.MONITORING, 22).forEach(loop::addLabel);
    loop.tick();
    MaintenanceEvent.RolledBack back = last(events, MaintenanceEvent.RolledBack.class);
    assertTrue(back.reason().contains("before the swap"), back.reason());
    assertEquals(1, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
    assertEquals(w.oldTrain.fingerprint(), loop.trainingSet().fingerprint());

    World v = new World(dir.resolve("good"));
    List<MaintenanceEvent> heard = new ArrayList<>();
    MaintenanceLoop<FeatureVector, String> fine = v.loop().listener(heard::add)
        .gate(margin(0.05))
        .watch(Duration.ofMinutes(30), 50, 0.05).build();
    v.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(fine::addLabel);
    assertTrue(fine.runNow("new class").orElseThrow().promote());
    v.traffic(World.NEW_APART, 60, Consent.MONITORING, 23).forEach(fine::addLabel);
    fine.tick();
    assertEquals(MaintenanceLoop.State.WATCHING, fine.state());
    v.clock.advance(Duration.ofMinutes(30));
    fine.tick();
    assertEquals(2, last(heard, MaintenanceEvent.WatchPassed.class).version());
    RunRecord record = v.runs.get(last(heard, MaintenanceEvent.GateDecided.class).runId());
    assertEquals(0.0, record.metrics().get("gate.watch.paired"));
    assertTrue(record.metrics().get("gate.watch.new") > record.metrics().get("gate.watch.old"));
  }

  @Test
  @DisplayName("with a background executor an alert's cycle runs off the monitor's thread while"
      + " labels keep arriving, and ends promoted")
  void backgroundExecutor() throws Exception {
    World w = new World(dir);
    java.util.concurrent.ExecutorService background =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.CountDownLatch decided = new java.util.concurrent.CountDownLatch(1);
    List<MaintenanceEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      MaintenanceLoop<FeatureVector, String> loop = w.loop().executor(background)
          .gate(margin(0.05))
          .listener(seen::add)
          .listener(e -> threads.add(Thread.currentThread().getName()))
          .listener(e -> {
            if (e instanceof MaintenanceEvent.GateDecided) {
              decided.countDown();
            }
          }).build();
      w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);
      List<LabelRecord> later = w.traffic(World.NEW_APART, 300, Consent.TRAINING, 24);
      loop.onAlert(alert(w, Severity.CRITICAL));
      later.forEach(loop::addLabel);
      assertTrue(decided.await(60, java.util.concurrent.TimeUnit.SECONDS), "no decision");
      assertTrue(last(seen, MaintenanceEvent.GateDecided.class).decision().promote());
      assertTrue(threads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
          threads.toString());
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  @DisplayName("Integer labels: enough new labels trigger a cycle, the challenger is trained on"
      + " the parsed labels, the gate promotes it, the swap target serves it and it predicts"
      + " Integers; labels that do not parse are skipped and counted, never fatal")
  void integerLabelsPromoted() {
    World w = new World(dir);
    w.intChampion();
    World.Served<Integer> server = new World.Served<>(w.registry, World.INT_MODEL,
        Integer.class);
    MaintenanceLoop<FeatureVector, Integer> loop = w.intLoop().server(server)
        .listener(events::add).labelThreshold(300)
        .gate(PromotionGate.builder().margin(0.05).slice("c", e -> e.target().equals(2)).build())
        .build();
    List<LabelRecord> labels = w.intTraffic(World.NEW_APART, 300, Consent.TRAINING, 11);
    assertEquals("0", labels.get(0).label(), "labels arrive as the numbers' text");
    loop.addLabel(new LabelRecord(labels.get(0).requestId(), "a", w.clock.instant()));
    loop.addLabel(new LabelRecord("req-unknown", "1.5", w.clock.instant()));
    assertEquals(2, loop.unparsedLabels());
    assertEquals(List.of(), events, "labels that do not parse do not count to the threshold");

    labels.forEach(loop::addLabel);

    assertEquals(Trigger.Kind.LABELS,
        last(events, MaintenanceEvent.Triggered.class).trigger().kind());
    GateDecision d = last(events, MaintenanceEvent.GateDecided.class).decision();
    assertTrue(d.promote(), d.reasons().toString());
    assertTrue(d.evidence().get("challenger.accuracy") > d.evidence().get("champion.accuracy")
        + 0.2, d.evidence().toString());
    assertTrue(d.evidence().get("slice.c.count") >= 20, d.evidence().toString());
    assertEquals(0.0, d.evidence().get("slice.c.champion"), "the champion never says 2");
    MaintenanceEvent.DatasetBuilt built = last(events, MaintenanceEvent.DatasetBuilt.class);
    assertEquals(300, built.fromLog() + built.freshSize(), "every parsed label, none other");
    assertEquals(Set.of(0, 1, 2), loop.trainingSet().targets());
    assertEquals(2, w.registry.aliased(World.INT_MODEL, "champion").orElseThrow().version());
    assertEquals(List.of("champion -> 2"), server.swaps);
    assertEquals("2", server.servedVersion(World.INT_MODEL));
    assertEquals(MaintenanceLoop.State.IDLE, loop.state());
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (String y : World.CLASSES) {
      Object said = server.live.predict(World.point(World.NEW_APART.get(y), r)).value();
      assertEquals(Integer.class, said.getClass());
      assertEquals(World.number(y), said, "class " + y);
    }
  }

  @Test
  @DisplayName("Integer labels: an alert starts a cycle, and when the world has not changed the"
      + " challenger is rejected and nothing is swapped")
  void integerLabelsRejected() {
    World w = new World(dir);
    w.intChampion();
    World.Served<Integer> server = new World.Served<>(w.registry, World.INT_MODEL,
        Integer.class);
    MaintenanceLoop<FeatureVector, Integer> loop = w.intLoop().server(server)
        .listener(events::add).gate(margin(0.02)).build();
    w.intTraffic(World.OLD, 300, Consent.TRAINING, 12).forEach(loop::addLabel);

    loop.onAlert(alert(w, Severity.CRITICAL));

    assertEquals(Trigger.Kind.ALERT,
        last(events, MaintenanceEvent.Triggered.class).trigger().kind());
    GateDecision d = last(events, MaintenanceEvent.GateDecided.class).decision();
    assertEquals(GateDecision.Verdict.REJECT, d.verdict());
    assertTrue(d.reasons().get(0).contains("below the margin 0.0200"), d.reasons().toString());
    assertTrue(d.evidence().get("champion.accuracy") > 0.9, d.evidence().toString());
    assertEquals(0, loop.unparsedLabels());
    assertEquals(1, w.registry.aliased(World.INT_MODEL, "champion").orElseThrow().version());
    assertEquals(List.of(), server.swaps);
    assertEquals(Integer.valueOf(0), server.live.predict(
        World.point(World.OLD.get("a"), new java.util.SplittableRandom(6))).value());
  }
}
