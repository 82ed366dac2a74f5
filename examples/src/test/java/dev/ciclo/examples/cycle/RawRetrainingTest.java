package dev.ciclo.examples.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Lineage;
import dev.ciclo.api.train.Model;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.log.PayloadStore;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.maintain.Recipes;
import dev.ciclo.core.maintain.ServingLineage;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.examples.data.SyntheticDigits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawRetrainingTest {
  private static final String MODEL = "digits";
  @TempDir Path dir;

  @Test
  @DisplayName("a challenger of another recipe (time-aligned MFCC frames) is trained from the"
      + " log's raw WAV clips, not from the champion's (MFCC summary) features; records with"
      + " monitoring consent only are never used")
  void challengerRecipeFromRawAudio() {
    Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    Workspace ws = Workspace.open(dir);
    MfccSummary featuresA = MfccSummary.builder().build();
    MfccSummary featuresB = MfccSummary.builder().layout(MfccSummary.Layout.TIME_ALIGNED)
        .alignedFrames(8).build();
    TribuoClassifierTrainer<AudioClip> recipeA =
        TribuoClassifierTrainer.logisticRegression(featuresA, 10);
    TribuoClassifierTrainer<AudioClip> recipeB =
        TribuoClassifierTrainer.logisticRegression(featuresB, 10);

    List<Example<AudioClip, String>> all = SyntheticDigits.generate(3).recordings().stream()
        .toList();
    List<Example<AudioClip, String>> first = new ArrayList<>();
    List<Example<AudioClip, String>> traffic = new ArrayList<>();
    for (Example<AudioClip, String> e : all) {
      (e.group().equals("ada") || e.group().equals("bo") ? first : traffic).add(e);
    }
    Dataset<AudioClip, String> base = Dataset.of("first", first);
    FileModelRegistry registry = FileModelRegistry.builder(ws).clock(clock)
        .loader(TribuoModelLoader.of(AudioClip.class, featuresA)).build();
    RunStore runs = RunStore.in(ws);
    RunRecorder.Result<AudioClip, String> a = RunRecorder.builder().store(runs).clock(clock)
        .build().train(recipeA, base, Dataset.of("none", List.of()), 5);
    ModelVersion v1 = registry.register(MODEL, a.model(), a.record());
    registry.setAlias(MODEL, "champion", v1.version(), "recipe A");
    Model<AudioClip, String> champion = registry.load(v1, AudioClip.class, String.class);

    List<LabelRecord> labels = new ArrayList<>();
    TreeMap<String, String> used = new TreeMap<>();
    int monitoring = 0;
    try (FilePredictionLog log = FilePredictionLog.builder(ws).clock(clock).build()) {
      for (int i = 0; i < traffic.size(); i++) {
        Example<AudioClip, String> e = traffic.get(i);
        byte[] wav = Wav.encode(e.input(), SampleFormat.PCM_16);
        Prediction<String> p = champion.predict(Wav.decode(wav, e.id()));
        Consent consent = i % 4 == 0 ? Consent.MONITORING : Consent.TRAINING;
        String id = "req-" + i;
        AppendOutcome o = log.append(PredictionRecord.of(id, clock.instant().minusSeconds(
            traffic.size() - i), MODEL, "1", Map.of("rms", Signal.of(e.input().rms())),
            p.value(), p.scores(), Duration.ofMillis(2), consent, "user-" + e.group()),
            RawPayload.of("audio/wav", wav));
        assertEquals(AppendOutcome.LOGGED, o);
        labels.add(new LabelRecord(id, e.target(), clock.instant()));
        if (consent == Consent.TRAINING) {
          used.put(id, PayloadStore.sha256(wav));
        } else {
          monitoring++;
        }
      }
      assertEquals(used.size(), log.storedPayloads(), "no monitoring-only clip was stored");

      List<MaintenanceEvent> events = new ArrayList<>();
      MaintenanceLoop<AudioClip, String> loop = MaintenanceLoop.builder(MODEL, AudioClip.class)
          .registry(registry).runs(runs).log(log).clock(clock)
          .recipes(Recipes.of(List.of(recipeA)))
          .challengerRecipe(recipeB)
          .decoder(raw -> Wav.decode(((RawPayload) raw).bytes(), "logged clip"))
          .trainingSet(base)
          .gate(PromotionGate.builder().margin(0.0).build())
          .logFrom(Instant.EPOCH)
          .listener(events::add)
          .build();
      labels.forEach(loop::addLabel);
      loop.runNow("retrain from the raw clips with recipe B");

      MaintenanceEvent.DatasetBuilt built = events.stream()
          .filter(e -> e instanceof MaintenanceEvent.DatasetBuilt)
          .map(e -> (MaintenanceEvent.DatasetBuilt) e).findFirst().orElseThrow();
      assertEquals(used.size(), built.rawInputsUsed(), "every training-consent clip, decoded");
      assertEquals(monitoring, built.withoutTrainingConsent());
      assertEquals(0, built.undecodable());
      assertEquals(0, built.withoutPayload());
      StringBuilder lines = new StringBuilder();
      used.forEach((id, sha) -> lines.append(id).append(' ').append(sha).append('\n'));
      assertEquals(PayloadStore.sha256(lines.toString().getBytes(StandardCharsets.UTF_8)),
          built.payloadFingerprint(), "exactly the training-consent clips were used");

      MaintenanceEvent.ChallengerTrained trained = events.stream()
          .filter(e -> e instanceof MaintenanceEvent.ChallengerTrained)
          .map(e -> (MaintenanceEvent.ChallengerTrained) e).findFirst().orElseThrow();
      assertEquals(recipeB.parameters(), trained.run().parameters());
      assertTrue(trained.run().parameters().get("features").contains("TIME_ALIGNED"),
          trained.run().parameters().toString());
      Lineage l = runs.get(trained.run().runId()).lineage().orElseThrow();
      assertEquals(recipeB.parameters(), l.recipe().parameters());
      assertEquals(used.size(), l.data().rawInputs());
    }
    assertTrue(ServingLineage.of(Workspace.open(dir), MODEL, "champion").isPresent());
  }
}
