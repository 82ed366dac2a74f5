package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.testing.World;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingInputsTest {
  @TempDir Path dir;

  /** The world's log for reading records; reading a payload from it fails the test. */
  private static PredictionLog noPayloadReads(PredictionLog log) {
    return new PredictionLog() {
      @Override
      public boolean append(PredictionRecord record) {
        return log.append(record);
      }

      @Override
      public AppendOutcome append(PredictionRecord record, Payload input) {
        return log.append(record, input);
      }

      @Override
      public Optional<Payload> payload(PredictionRecord record) {
        throw new AssertionError("the loop read the payload of " + record.requestId()
            + " from the log although a training-inputs source was given");
      }

      @Override
      public Stream<PredictionRecord> read(Instant from, Instant to) {
        return log.read(from, to);
      }

      @Override
      public long erase(String subjectId) {
        return log.erase(subjectId);
      }

      @Override
      public void close() {}
    };
  }

  @Test
  @DisplayName("with a training-inputs source the loop asks it once per cycle for exactly the"
      + " labelled training-consent records of its window, never reads a payload from the log,"
      + " counts what the source left out as without payload or undecodable, and trains on"
      + " the rest: the same data as decoding the log itself would give")
  void sourceReplacesPerRecordReads() {
    World w = new World(dir);
    List<LabelRecord> training = w.traffic(World.NEW_APART, 300, Consent.TRAINING, 31);
    List<LabelRecord> monitoring = w.traffic(World.NEW_APART, 60, Consent.MONITORING, 32);
    w.traffic(World.NEW_APART, 40, Consent.TRAINING, 33); // never labelled
    Map<String, FeatureVector> truth = new HashMap<>();
    for (PredictionRecord r : w.log.records()) {
      w.log.payload(r).ifPresent(p -> truth.put(r.requestId(), World.decode(p)));
    }
    String missing = training.get(0).requestId();
    String broken = training.get(1).requestId();

    List<List<String>> asked = new ArrayList<>();
    TrainingInputs<FeatureVector> source = (model, from, to, records) -> {
      assertEquals(World.MODEL, model);
      asked.add(records.stream().map(PredictionRecord::requestId).toList());
      Map<String, FeatureVector> in = new HashMap<>();
      for (PredictionRecord r : records) {
        assertTrue(!r.time().isBefore(from) && r.time().isBefore(to), r.toString());
        in.put(r.requestId(), truth.get(r.requestId()));
      }
      in.remove(missing);
      in.remove(broken);
      in.put("not-asked", truth.get(training.get(2).requestId()));
      return new TrainingInputs.Inputs<>(in, Set.of(broken));
    };
    List<MaintenanceEvent> events = new ArrayList<>();
    MaintenanceLoop<FeatureVector, String> loop = MaintenanceLoop.builder(World.MODEL,
            FeatureVector.class)
        .registry(w.registry).runs(w.runs).log(noPayloadReads(w.log)).clock(w.clock)
        .recipes(Recipes.of(List.of(w.trainer))).trainingInputs(source)
        .trainingSet(w.oldTrain).gate(PromotionGate.builder().margin(0.05).build())
        .listener(events::add).build();
    training.forEach(loop::addLabel);
    monitoring.forEach(loop::addLabel);

    assertTrue(loop.runNow("new class").orElseThrow().promote());

    assertEquals(1, asked.size(), "one call per cycle");
    assertEquals(training.stream().map(LabelRecord::requestId).collect(Collectors.toSet()),
        new TreeSet<>(asked.get(0)), "only labelled training-consent records are asked for");
    MaintenanceEvent.DatasetBuilt built = events.stream()
        .filter(e -> e instanceof MaintenanceEvent.DatasetBuilt)
        .map(e -> (MaintenanceEvent.DatasetBuilt) e).findFirst().orElseThrow();
    assertEquals(1, built.withoutPayload(), built.toString());
    assertEquals(1, built.undecodable(), built.toString());
    assertEquals(60, built.withoutTrainingConsent(), built.toString());
    assertEquals(40, built.withoutLabel(), built.toString());
    assertEquals(298, built.fromLog() + built.freshSize());

    // the same records decoded by the loop's own reading give the same training set
    Map<String, LogJoin.Labelled<String>> labels = training.stream()
        .filter(l -> !l.requestId().equals(missing) && !l.requestId().equals(broken))
        .collect(Collectors.toMap(LabelRecord::requestId,
            l -> new LogJoin.Labelled<>(l.label(), l.time())));
    LogJoin.Built<FeatureVector, String> own = LogJoin.build(w.log, Instant.EPOCH,
        w.clock.instant(), World.MODEL, labels, World::decode, 0.3);
    RunRecord run = w.runs.get(events.stream()
        .filter(e -> e instanceof MaintenanceEvent.ChallengerTrained)
        .map(e -> ((MaintenanceEvent.ChallengerTrained) e).run()).findFirst().orElseThrow()
        .runId());
    assertEquals(w.oldTrain.concat(dev.ciclo.api.data.Dataset.of("log", own.train()))
        .fingerprint(), run.datasetFingerprints().get("train"));
    assertEquals(own.payloadFingerprint(), built.payloadFingerprint());
  }

  @Test
  @DisplayName("a loop with neither a decoder nor a training-inputs source is refused, naming"
      + " both; an answer that calls one id both an input and undecodable is refused")
  void badConfiguration() {
    World w = new World(dir);
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> MaintenanceLoop.builder(World.MODEL, FeatureVector.class).registry(w.registry)
            .runs(w.runs).log(w.log).recipes(Recipes.of(List.of(w.trainer)))
            .trainingSet(w.oldTrain).build());
    assertEquals("decoder (or trainingInputs) is required", e.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> new TrainingInputs.Inputs<>(Map.of("r1", FeatureVector.of(World.NAMES,
            new double[2])), Set.of("r1")));
    assertEquals("request id 'r1' must not be both an input and undecodable",
        both.getMessage());
  }
}
