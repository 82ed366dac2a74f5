package dev.ciclo.core.maintain;

import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.api.train.RunRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A step of a {@link MaintenanceLoop}; {@link MaintenanceListener} gives the order.
 */
public sealed interface MaintenanceEvent {

  /**
   * A cycle started.
   *
   * @param trigger why
   */
  record Triggered(Trigger trigger) implements MaintenanceEvent {
    /** @throws NullPointerException if the trigger is null */
    public Triggered {
      Objects.requireNonNull(trigger, "trigger");
    }
  }

  /**
   * The training set and the fresh evaluation set were built.
   *
   * @param trainFingerprint the training set's fingerprint
   * @param trainSize its size: the previous training set plus {@code fromLog}
   * @param fromLog labelled log records added to training
   * @param freshFingerprint the fresh set's fingerprint
   * @param freshSize labelled log records kept apart to compare champion and challenger
   * @param withoutTrainingConsent log records left out because their consent does not allow
   *     training (for example {@code MONITORING} only)
   * @param withoutLabel records with training consent but no label yet
   * @param withoutPayload labelled records with training consent whose raw input is gone
   *     (erased, past retention, or damaged and so never returned)
   * @param undecodable records whose raw input the host's decoder refused
   * @param payloadFingerprint the SHA-256 over the sorted {@code requestId payloadHash} lines of
   *     the raw inputs used (training and fresh), empty when none
   */
  record DatasetBuilt(String trainFingerprint, int trainSize, int fromLog,
      String freshFingerprint, int freshSize, int withoutTrainingConsent, int withoutLabel,
      int withoutPayload, int undecodable, String payloadFingerprint)
      implements MaintenanceEvent {
    /**
     * How many raw logged inputs were decoded into this cycle's data (training plus fresh).
     *
     * @return {@code fromLog + freshSize}
     */
    public int rawInputsUsed() {
      return fromLog + freshSize;
    }
  }

  /**
   * The cycle ended before training.
   *
   * @param trigger the cycle's trigger
   * @param reason why
   */
  record Skipped(Trigger trigger, String reason) implements MaintenanceEvent {}

  /**
   * A challenger was trained with the champion's recipe.
   *
   * @param run its run record
   */
  record ChallengerTrained(RunRecord run) implements MaintenanceEvent {}

  /**
   * Champion and challenger were measured on the same fresh data and slices.
   *
   * @param evidence the numbers, as in {@link GateDecision#evidence()}
   */
  record Evaluated(Map<String, Double> evidence) implements MaintenanceEvent {
    /** Copies the map. */
    public Evaluated {
      evidence = Map.copyOf(evidence);
    }
  }

  /**
   * The challenger shadows the champion on live traffic until {@code until}.
   *
   * @param challengerVersion the challenger's registry version
   * @param until when the window closes
   */
  record ShadowStarted(int challengerVersion, Instant until) implements MaintenanceEvent {}

  /**
   * The gate decided.
   *
   * @param runId the challenger's run record, where the decision is written
   * @param decision the decision
   */
  record GateDecided(String runId, GateDecision decision) implements MaintenanceEvent {}

  /**
   * The challenger became the champion (registry alias moved, served model swapped).
   *
   * @param change the alias move
   */
  record Promoted(AliasChange change) implements MaintenanceEvent {}

  /**
   * The challenger was not promoted.
   *
   * @param runId the challenger's run record
   * @param decision the decision and its reasons
   */
  record Rejected(String runId, GateDecision decision) implements MaintenanceEvent {}

  /**
   * The watch period after a promotion ended without a problem; the new champion stays.
   *
   * @param version the champion's version
   */
  record WatchPassed(int version) implements MaintenanceEvent {}

  /**
   * Monitoring after a promotion showed the new champion worse: the alias went back and the old
   * model is served again.
   *
   * @param change the alias move back
   * @param reason why
   */
  record RolledBack(AliasChange change, String reason) implements MaintenanceEvent {}
}
