package dev.ciclo.core.maintain;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a maintenance cycle started.
 *
 * @param kind what started it
 * @param reason a sentence for people and records (the alert's message, the schedule, the label
 *     count), not blank
 * @param at when it started
 * @param alertId for an alert, {@code monitor/subject}; else empty
 * @param labelCount the new labels counted when the cycle started
 */
public record Trigger(Kind kind, String reason, Instant at, String alertId, int labelCount) {
  /** What starts a cycle. */
  public enum Kind {
    /** A monitor's alert. */
    ALERT,
    /** The schedule came due. */
    SCHEDULE,
    /** Enough new labels arrived. */
    LABELS,
    /** The host asked ({@link MaintenanceLoop#runNow}). */
    MANUAL
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the reason is blank
   */
  public Trigger {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason must not be blank");
    }
    Objects.requireNonNull(alertId, "alertId");
    if (labelCount < 0) {
      throw new IllegalArgumentException("labelCount must not be negative but was " + labelCount);
    }
  }

  /**
   * A trigger with no alert id and no label count.
   *
   * @param kind what started the cycle
   * @param reason why, not blank
   * @param at when
   */
  public Trigger(Kind kind, String reason, Instant at) {
    this(kind, reason, at, "", 0);
  }
}
