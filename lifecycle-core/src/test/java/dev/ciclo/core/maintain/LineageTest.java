package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.train.Lineage;
import dev.ciclo.core.testing.World;
import dev.ciclo.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageTest {
  @TempDir Path dir;

  @Test
  @DisplayName("after a restart, the workspace's files alone give the serving model's lineage:"
      + " the champion it replaced, the trigger, the log window and raw inputs, the recipe and"
      + " the typed gate decision")
  void servingLineageFromFiles() {
    World w = new World(dir);
    List<MaintenanceEvent> events = new ArrayList<>();
    PromotionGate gate = PromotionGate.builder().margin(0.02).slice("b", e -> e.target()
        .equals("b")).build();
    MaintenanceLoop<FeatureVector, String> loop = w.loop().gate(gate).listener(events::add).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);
    w.traffic(World.NEW_APART, 40, Consent.MONITORING, 12).forEach(loop::addLabel);
    GateDecision d = loop.runNow("new class seen").orElseThrow();
    assertTrue(d.promote(), d.reasons().toString());
    MaintenanceEvent.DatasetBuilt built = events.stream()
        .filter(e -> e instanceof MaintenanceEvent.DatasetBuilt)
        .map(e -> (MaintenanceEvent.DatasetBuilt) e).findFirst().orElseThrow();

    // a new process: nothing but the folder
    ServingLineage s = ServingLineage.of(Workspace.open(dir), World.MODEL, "champion")
        .orElseThrow();
    assertEquals(2, s.serving().version());
    Lineage l = s.lineage().orElseThrow();
    assertEquals(World.MODEL, l.modelName());
    assertEquals(1, l.replacedVersion());
    assertEquals(w.champion.runId(), l.replacedRunId());
    assertEquals(2, l.challengerVersion());
    assertEquals(Lineage.TriggerKind.MANUAL, l.trigger().kind());
    assertEquals("new class seen", l.trigger().reason());
    assertEquals(300, l.trigger().labelCount() - 40, "labels counted when the cycle started");
    assertEquals(300, l.data().rawInputs(), "training consent only: 300 raw inputs, not 340");
    assertEquals(built.rawInputsUsed(), l.data().rawInputs());
    assertEquals(built.payloadFingerprint(), l.data().payloadFingerprint());
    assertEquals(64, l.data().payloadFingerprint().length());
    assertEquals(built.trainFingerprint(), l.data().trainFingerprint());
    assertEquals(built.freshFingerprint(), l.data().freshFingerprint());
    assertEquals(s.run().datasetFingerprints().get("train"), l.data().trainFingerprint());
    assertEquals(w.trainer.name(), l.recipe().trainer());
    assertEquals(w.trainer.parameters(), l.recipe().parameters());
    assertEquals(Lineage.Verdict.PROMOTE, l.decision().verdict());
    assertEquals("accuracy", l.decision().metric());
    assertEquals(0.02, l.decision().margin());
    assertEquals(d.evidence().get("champion.accuracy"), l.decision().champion());
    assertEquals(d.evidence().get("challenger.accuracy"), l.decision().challenger());
    assertEquals(d.evidence(), new java.util.TreeMap<>(l.decision().evidence()));
    assertEquals(d.reasons(), l.decision().reasons());
    Lineage.SliceCheck b = l.decision().slices().get(0);
    assertEquals("b", b.slice());
    assertTrue(b.judged() && b.passed(), b.toString());
    assertEquals(d.evidence().get("slice.b.challenger"), b.challenger());
    assertEquals(1, s.ancestors().size());
    assertFalse(s.ancestors().get(0).lineage().isPresent(), "the first model was registered by"
        + " hand");
    GateDecision again = gate.replay(s.run());
    assertEquals(d.verdict(), again.verdict(), "the same decision on the recorded evidence");
    assertEquals(d.reasons(), again.reasons());
    assertTrue(s.describe().contains("replaced version 1"), s.describe());
  }
}
