package dev.ciclo.api.train;

import dev.ciclo.api.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one training run did, enough to reproduce it and to compare it with others.
 *
 * <p>Immutable and thread-safe.
 *
 * @param runId the run's id, not blank
 * @param trainer the trainer's name, not blank
 * @param parameters the trainer's hyperparameters as text
 * @param seed the seed of the run
 * @param datasetFingerprints SHA-256 fingerprints of the data used, by role ({@code "train"},
 *     {@code "dev"})
 * @param epochs per-epoch metrics; empty for one-shot trainers
 * @param metrics final metrics by name, each finite
 * @param environment library and JVM versions and other facts about where it ran
 * @param start when the run started
 * @param duration how long it took, not negative
 * @param outcome how it ended
 * @param notes decisions and remarks, in order (for example why a model was promoted)
 */
public record RunRecord(
    String runId,
    String trainer,
    Map<String, String> parameters,
    long seed,
    Map<String, String> datasetFingerprints,
    List<EpochMetrics> epochs,
    Map<String, Double> metrics,
    Map<String, String> environment,
    Instant start,
    Duration duration,
    RunOutcome outcome,
    List<String> notes) {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if an id is blank, a metric is not finite or the duration
   *     is negative
   */
  public RunRecord {
    Checks.notBlank(runId, "runId");
    Checks.notBlank(trainer, "trainer");
    parameters = Map.copyOf(parameters);
    datasetFingerprints = Map.copyOf(datasetFingerprints);
    epochs = List.copyOf(epochs);
    metrics = Checks.finiteValues(metrics, "metrics");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative but was " + duration);
    }
    Objects.requireNonNull(outcome, "outcome");
    notes = List.copyOf(notes);
  }
}
