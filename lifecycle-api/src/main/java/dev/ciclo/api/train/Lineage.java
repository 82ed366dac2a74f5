package dev.ciclo.api.train;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model retrained by a maintenance cycle came from, as data: the champion it was meant
 * to replace, what triggered the cycle, the training data (log window, counts, fingerprints), the
 * recipe, and the promotion gate's decision. Held by the challenger's {@link RunRecord}.
 *
 * @param modelName the model's name in the registry
 * @param replacedVersion the champion version the challenger was compared with (and replaces if
 *     promoted), at least 1
 * @param replacedRunId the run that trained that champion
 * @param challengerVersion the challenger's registered version, at least 1
 * @param trigger what started the cycle
 * @param data the data it was trained and judged on
 * @param recipe how it was trained
 * @param decision the gate's decision
 */
public record Lineage(
    String modelName,
    int replacedVersion,
    String replacedRunId,
    int challengerVersion,
    Trigger trigger,
    TrainingData data,
    Recipe recipe,
    Decision decision) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a version is below 1
   */
  public Lineage {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(replacedRunId, "replacedRunId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(decision, "decision");
    if (replacedVersion < 1 || challengerVersion < 1) {
      throw new IllegalArgumentException("versions must be at least 1 but were "
          + replacedVersion + " and " + challengerVersion);
    }
  }

  /** What starts a cycle. */
  public enum TriggerKind {
    /** A monitor's alert. */
    ALERT,
    /** The schedule. */
    SCHEDULE,
    /** Enough new labels. */
    LABELS,
    /** A person, through the host. */
    MANUAL
  }

  /**
   * What started the cycle.
   *
   * @param kind the kind
   * @param alertId for an alert, its monitor and subject ({@code monitor/subject}); else empty
   * @param labelCount the new labels counted when the cycle started
   * @param reason the reason, for people
   * @param at when
   */
  public record Trigger(TriggerKind kind, String alertId, int labelCount, String reason,
      Instant at) {
    /**
     * Checks the values.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the label count is negative
     */
    public Trigger {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(alertId, "alertId");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
      if (labelCount < 0) {
        throw new IllegalArgumentException("labelCount must not be negative but was "
            + labelCount);
      }
    }
  }

  /**
   * The data a challenger was trained and judged on.
   *
   * @param logFrom the first instant of the log window read
   * @param logTo the first instant after it
   * @param logRecords labelled log records used (training plus fresh)
   * @param rawInputs of those, raw logged inputs decoded for training and judging
   * @param payloadFingerprint SHA-256 over the sorted {@code requestId payloadHash} lines of the
   *     raw inputs used; empty when none
   * @param trainFingerprint the training set's fingerprint
   * @param trainSize the training set's size (the previous one plus the log's)
   * @param freshFingerprint the fresh set's fingerprint
   * @param freshSize the fresh set's size
   */
  public record TrainingData(Instant logFrom, Instant logTo, int logRecords, int rawInputs,
      String payloadFingerprint, String trainFingerprint, int trainSize,
      String freshFingerprint, int freshSize) {
    /**
     * Checks the values.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a count is negative
     */
    public TrainingData {
      Objects.requireNonNull(logFrom, "logFrom");
      Objects.requireNonNull(logTo, "logTo");
      Objects.requireNonNull(payloadFingerprint, "payloadFingerprint");
      Objects.requireNonNull(trainFingerprint, "trainFingerprint");
      Objects.requireNonNull(freshFingerprint, "freshFingerprint");
      if (logRecords < 0 || rawInputs < 0 || trainSize < 0 || freshSize < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
    }
  }

  /**
   * How the challenger was trained.
   *
   * @param trainer the trainer's name
   * @param parameters its parameters
   * @param seed the seed
   */
  public record Recipe(String trainer, Map<String, String> parameters, long seed) {
    /**
     * Checks and copies the values.
     *
     * @throws NullPointerException if an argument is null
     */
    public Recipe {
      Objects.requireNonNull(trainer, "trainer");
      parameters = Map.copyOf(parameters);
    }
  }

  /** A gate's verdict. */
  public enum Verdict {
    /** The challenger replaces the champion. */
    PROMOTE,
    /** The champion stays. */
    REJECT,
    /** The offline checks passed; a shadow window on live traffic decides. */
    PENDING_SHADOW
  }

  /**
   * One declared slice as the gate judged it.
   *
   * @param slice the slice's name
   * @param count fresh examples in it
   * @param champion the champion's metric on it (NaN when not judged)
   * @param challenger the challenger's metric on it (NaN when not judged)
   * @param judged whether it had enough examples to be judged
   * @param passed whether it passed (a slice not judged passes)
   */
  public record SliceCheck(String slice, int count, double champion, double challenger,
      boolean judged, boolean passed) {
    /**
     * Checks the values.
     *
     * @throws NullPointerException if the name is null
     */
    public SliceCheck {
      Objects.requireNonNull(slice, "slice");
    }
  }

  /**
   * The gate's decision as data.
   *
   * @param verdict the verdict
   * @param metric the metric decided on
   * @param margin the gain the challenger needed
   * @param sliceTolerance the loss a slice may take
   * @param minSliceSize the examples a slice needs to be judged
   * @param champion the champion's metric on the fresh data
   * @param challenger the challenger's metric on the fresh data
   * @param evidence every number the gate decided on, by name
   * @param slices each declared slice's check
   * @param reasons why, for people
   */
  public record Decision(Verdict verdict, String metric, double margin, double sliceTolerance,
      int minSliceSize, double champion, double challenger, Map<String, Double> evidence,
      List<SliceCheck> slices, List<String> reasons) {
    /**
     * Checks and copies the values.
     *
     * @throws NullPointerException if an argument is null
     */
    public Decision {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(metric, "metric");
      evidence = Map.copyOf(evidence);
      slices = List.copyOf(slices);
      reasons = List.copyOf(reasons);
    }
  }
}
