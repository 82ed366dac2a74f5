package dev.ciclo.api.train;

/** How a training run ended. */
public enum RunOutcome {
  /** Every planned epoch (or the one-shot fit) ran. */
  COMPLETED,
  /** Early stopping ended the run before the planned epochs. */
  STOPPED_EARLY,
  /** The host or a listener cancelled the run. */
  CANCELLED,
  /** An exception ended the run. */
  FAILED
}
