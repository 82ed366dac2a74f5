package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.train.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceLoopTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a clearly better challenger (it learnt a new class) is promoted, every step is"
      + " heard in order, and the decision is written to its run record")
  void promotesClearlyBetter() {
    World w = new World(dir);
    List<MaintenanceEvent> events = new ArrayList<>();
    MaintenanceLoop<?> loop = w.loop().listener(events::add)
        .gate(PromotionGate.builder().margin(0.05).build()).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);

    GateDecision d = loop.runNow("new class seen").orElseThrow();

    assertTrue(d.promote(), d.reasons().toString());
    assertTrue(d.evidence().get("challenger.accuracy") > d.evidence().get("champion.accuracy")
        + 0.2, d.evidence().toString());
    assertEquals(2, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
    assertEquals(List.of(MaintenanceEvent.Triggered.class, MaintenanceEvent.DatasetBuilt.class,
        MaintenanceEvent.ChallengerTrained.class, MaintenanceEvent.Evaluated.class,
        MaintenanceEvent.GateDecided.class, MaintenanceEvent.Promoted.class),
        events.stream().map(Object::getClass).toList());
    String runId = ((MaintenanceEvent.GateDecided) events.get(4)).runId();
    RunRecord written = w.runs.get(runId);
    assertTrue(written.notes().contains("gate.verdict: PROMOTE"), written.notes().toString());
    assertEquals(d.evidence().get("challenger.accuracy"),
        written.metrics().get("gate.challenger.accuracy"));
    assertEquals(w.runs.get(w.champion.runId()).seed(), written.seed(), "same recipe: same seed");
    assertFalse(loop.trainingSet().size() == w.oldTrain.size(), "the training set grew");
  }
}
