package dev.ciclo.api.train;

import dev.ciclo.api.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param lineage for a model made by a maintenance cycle, where it came from: the champion it
 *     replaces, the trigger, the data, the recipe and the gate's decision; empty otherwise
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
    List<String> notes,
    Optional<Lineage> lineage) {

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
    Objects.requireNonNull(lineage, "lineage");
  }

  /**
   * A record with no lineage (a run not made by a maintenance cycle).
   *
   * @param runId the run's id
   * @param trainer the trainer's name
   * @param parameters its parameters
   * @param seed the seed
   * @param datasetFingerprints the data's fingerprints by role
   * @param epochs per-epoch metrics
   * @param metrics the final metrics
   * @param environment library and JVM versions
   * @param start when it started
   * @param duration how long it took
   * @param outcome how it ended
   * @param notes notes for people
   * @throws IllegalArgumentException as the canonical constructor
   */
  public RunRecord(String runId, String trainer, Map<String, String> parameters, long seed,
      Map<String, String> datasetFingerprints, List<EpochMetrics> epochs,
      Map<String, Double> metrics, Map<String, String> environment, Instant start,
      Duration duration, RunOutcome outcome, List<String> notes) {
    this(runId, trainer, parameters, seed, datasetFingerprints, epochs, metrics, environment,
        start, duration, outcome, notes, Optional.empty());
  }

  /**
   * This record with a lineage.
   *
   * @param l the lineage
   * @return the copy
   */
  public RunRecord withLineage(Lineage l) {
    return new RunRecord(runId, trainer, parameters, seed, datasetFingerprints, epochs, metrics,
        environment, start, duration, outcome, notes, Optional.of(l));
  }
}
