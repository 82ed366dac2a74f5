package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Lineage;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.testing.World;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision is reproduced from what the loop wrote: the run record, the registry and the log. */
class ReproduceDecisionTest {
  @TempDir Path dir;

  private static final PromotionGate GATE = PromotionGate.builder().margin(0.05)
      .slice("b", e -> e.target().equals("b")).slice("c", e -> e.target().equals("c"))
      .sliceTolerance(0.02).build();

  @Test
  @DisplayName("replaying the written record gives the same verdict and reasons, and retraining"
      + " the recorded recipe on the recorded data gives the same evidence")
  void reproduces() {
    World w = new World(dir);
    List<MaintenanceEvent> events = new ArrayList<>();
    MaintenanceLoop<FeatureVector, String> loop = w.loop().gate(GATE).listener(events::add).build();
    List<LabelRecord> labels = w.traffic(World.NEW_NEAR_B, 450, Consent.TRAINING, 13);
    labels.forEach(loop::addLabel);
    GateDecision decided = loop.runNow("new class").orElseThrow();
    String runId = events.stream().filter(e -> e instanceof MaintenanceEvent.GateDecided)
        .map(e -> ((MaintenanceEvent.GateDecided) e).runId()).findFirst().orElseThrow();

    // Another process: only the workspace's files and the log.
    RunRecord record = RunStore.in(w.workspace).get(runId);
    GateDecision replayed = GATE.replay(record);
    assertEquals(decided.verdict(), replayed.verdict());
    assertEquals(decided.reasons(), replayed.reasons());
    assertEquals(decided.evidence(), replayed.evidence());

    Lineage lineage = record.lineage().orElseThrow();
    Instant from = lineage.data().logFrom();
    Instant to = lineage.data().logTo();
    int championVersion = lineage.replacedVersion();
    Trainer<FeatureVector, String> trainer = Recipes.of(List.of(w.trainer))
        .find(record.trainer(), record.parameters()).orElseThrow();
    Map<String, LogJoin.Labelled<String>> byId = labels.stream().collect(Collectors.toMap(
        LabelRecord::requestId, l -> new LogJoin.Labelled<>(l.label(), l.time())));
    LogJoin.Built<FeatureVector, String> built =
        LogJoin.build(w.log, from, to, World.MODEL, byId, World::decode, 0.3);
    Dataset<FeatureVector, String> train = w.oldTrain.concat(Dataset.of("log", built.train()));
    Dataset<FeatureVector, String> fresh = Dataset.of("fresh", built.fresh());
    assertEquals(record.datasetFingerprints().get("train"), train.fingerprint());
    assertEquals(record.datasetFingerprints().get("dev"), fresh.fingerprint());

    Model<FeatureVector, String> again = trainer.train(train, record.seed());
    Predictor<FeatureVector, String> champion = w.registry.load(
        w.registry.version(World.MODEL, championVersion).orElseThrow(), FeatureVector.class,
        String.class);
    Map<String, Double> evidence = Records.measure(GATE, champion, again, fresh);
    assertEquals(decided.evidence(), new java.util.TreeMap<>(evidence));
    assertEquals(decided.reasons(), GATE.decide(evidence).reasons());
  }

  @Test
  @DisplayName("replay refuses a record decided under another policy, or one with no decision,"
      + " and decide names a missing piece of evidence")
  void refusals() {
    World w = new World(dir);
    MaintenanceLoop<FeatureVector, String> loop = w.loop().gate(GATE).build();
    w.traffic(World.NEW_APART, 300, Consent.TRAINING, 11).forEach(loop::addLabel);
    loop.runNow("go");
    RunRecord record = w.runs.list().get(w.runs.list().size() - 1);
    PromotionGate other = PromotionGate.builder().margin(0.10).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> other.replay(record));
    assertTrue(e.getMessage().contains("with margin 0.05,") && e.getMessage().contains(
        "not this gate's accuracy, 0.1,"), e.getMessage());
    RunRecord champion = w.runs.get(w.champion.runId());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GATE.replay(champion))
        .getMessage().contains("holds no gate decision"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> GATE.decide(Map.of("champion.accuracy", 0.5, "challenger.accuracy", 0.9,
            "fresh.count", 100.0)));
    assertTrue(missing.getMessage().contains("'slice.b.count'"), missing.getMessage());
  }

}
