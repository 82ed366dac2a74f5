package dev.ciclo.core.testing;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A file registry of {@link BlobModels} and the run records they are registered with, for the
 * registry's tests here and the server's swap tests.
 */
public final class Registries {
  private Registries() {}

  /**
   * A file registry in a workspace folder, on a clock fixed at 2026-03-01T10:00:00Z, that loads
   * Tribuo classifiers over feature vectors.
   *
   * @param folder the workspace folder
   * @return the registry
   */
  public static FileModelRegistry tribuo(Path folder) {
    return FileModelRegistry.builder(Workspace.open(folder))
        .clock(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))
        .loader(TribuoModelLoader.of(FeatureVector.class, FeatureExtractor.identity())).build();
  }

  /**
   * A completed run of a logistic regression (5 epochs, seed 7, accuracy 0.9 on data "abc123")
   * that ended at 2026-03-01T09:00:00Z after 3 s.
   *
   * @param id the run's id
   * @return the run record
   */
  public static RunRecord run(String id) {
    return new RunRecord(id, "logistic", Map.of("epochs", "5"), 7, Map.of("train", "abc123"),
        List.of(), Map.of("accuracy", 0.9), Map.of(), Instant.parse("2026-03-01T09:00:00Z"),
        Duration.ofSeconds(3), RunOutcome.COMPLETED, List.of());
  }
}
