package dev.ciclo.api.monitor;

/** What a per-event detector concludes after a value. */
public enum DriftState {
  /** No sign of change. */
  NONE,
  /** A change may be starting. */
  WARNING,
  /** A change was detected. */
  DRIFT
}
