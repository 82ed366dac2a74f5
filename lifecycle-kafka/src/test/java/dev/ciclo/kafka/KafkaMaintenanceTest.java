package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.maintain.GateDecision;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.maintain.Recipes;
import dev.ciclo.core.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaMaintenanceTest {
  @RegisterExtension static final Broker broker = new Broker();
  @TempDir static Path dir;

  /** A point's coordinates as a set key. */
  private static List<Double> key(FeatureVector v) {
    return Arrays.stream(v.toArray()).boxed().toList();
  }

  @Test
  @DisplayName("the maintenance loop retrains a challenger from training-consent inputs logged"
      + " to Kafka (decrypted with their subjects' keys) and promotes it; monitoring-only"
      + " records, however many labels they have, are never decoded or trained on")
  void retrainsFromKafka() throws Exception {
    broker.createTopic("maintenance", 3);
    World w = new World(dir.resolve("world"));
    Predictor<FeatureVector, String> served = w.served();
    List<LabelRecord> labels = new ArrayList<>();
    Set<List<Double>> training = new HashSet<>();
    Set<List<Double>> monitoringOnly = new HashSet<>();
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(broker.bootstrap(), "maintenance",
        SubjectKeyStore.directory(dir.resolve("keys"))).build()) {
      SplittableRandom r = new SplittableRandom(11);
      List<String> classes = List.copyOf(World.NEW_APART.keySet());
      for (int i = 0; i < 450; i++) {
        // a new class c appeared; a third of the traffic allows monitoring only
        Consent consent = i / 3 % 3 == 2 ? Consent.MONITORING : Consent.TRAINING;
        String y = classes.get(i % classes.size());
        FeatureVector x = World.point(World.NEW_APART.get(y), r);
        Prediction<String> p = served.predict(x);
        String id = "req-" + i;
        AppendOutcome o = log.append(PredictionRecord.of(id, w.clock.instant(), World.MODEL,
            served.metadata().version(), World.signals(x), p.value(), p.scores(),
            Duration.ofMillis(1), consent, "user-" + i % 7), World.raw(x));
        assertEquals(AppendOutcome.LOGGED, o);
        (consent == Consent.TRAINING ? training : monitoringOnly).add(key(x));
        labels.add(new LabelRecord(id, y, w.clock.instant()));
        w.clock.advance(Duration.ofSeconds(1));
      }
      log.flush();

      Set<List<Double>> decoded = new HashSet<>();
      List<MaintenanceEvent> events = new ArrayList<>();
      MaintenanceLoop<FeatureVector, String> loop =
          MaintenanceLoop.builder(World.MODEL, FeatureVector.class)
              .registry(w.registry).runs(w.runs).log(log).clock(w.clock)
              .recipes(Recipes.of(List.of(w.trainer)))
              .decoder(payload -> {
                FeatureVector v = World.decode(payload);
                decoded.add(key(v));
                return v;
              })
              .trainingSet(w.oldTrain)
              .gate(PromotionGate.builder().margin(0.05).build())
              .listener(events::add)
              .build();
      labels.forEach(loop::addLabel);

      GateDecision d = loop.runNow("new class seen").orElseThrow();

      assertTrue(d.promote(), d.reasons().toString());
      assertEquals(2, w.registry.aliased(World.MODEL, "champion").orElseThrow().version());
      MaintenanceEvent.DatasetBuilt built = events.stream()
          .filter(e -> e instanceof MaintenanceEvent.DatasetBuilt)
          .map(e -> (MaintenanceEvent.DatasetBuilt) e).findFirst().orElseThrow();
      assertEquals(300, built.rawInputsUsed(), built.toString());
      assertEquals(150, built.withoutTrainingConsent(), built.toString());
      assertEquals(0, built.withoutPayload(), built.toString());
      assertEquals(training, decoded, "exactly the training-consent inputs were decoded");
      assertTrue(decoded.stream().noneMatch(monitoringOnly::contains));
      assertEquals(w.oldTrain.size() + built.fromLog(), loop.trainingSet().size());

      // the challenger learnt class c from the logged inputs: it now answers c where the
      // champion could not
      Predictor<FeatureVector, String> promoted = w.served();
      FeatureVector c = World.point(World.NEW_APART.get("c"), new SplittableRandom(99));
      assertEquals("c", promoted.predict(c).value());
      assertFalse(served.predict(c).value().equals("c"));
    }
  }
}
