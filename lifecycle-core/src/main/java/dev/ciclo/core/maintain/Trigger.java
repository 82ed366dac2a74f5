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
 */
public record Trigger(Kind kind, String reason, Instant at) {
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
  }
}
