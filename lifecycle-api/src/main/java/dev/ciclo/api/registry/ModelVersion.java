package dev.ciclo.api.registry;

import dev.ciclo.api.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One registered version of a model.
 *
 * @param modelName the model's name, not blank
 * @param version the version number, from 1, increasing per model
 * @param sha256 the SHA-256 of the stored model file, 64 lower-case hex digits
 * @param format the stored format (see {@link dev.ciclo.api.train.Model#format()}), not blank
 * @param registeredAt when it was registered
 * @param runId the id of the run that trained it, not blank
 * @param properties provenance and other facts about it
 */
public record ModelVersion(
    String modelName,
    int version,
    String sha256,
    String format,
    Instant registeredAt,
    String runId,
    Map<String, String> properties) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is out of range or the hash is not 64 hex digits
   */
  public ModelVersion {
    Checks.notBlank(modelName, "modelName");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1 but was " + version);
    }
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex digits but was '" + sha256 + "'");
    }
    Checks.notBlank(format, "format");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Checks.notBlank(runId, "runId");
    properties = Map.copyOf(properties);
  }
}
