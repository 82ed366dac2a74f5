package dev.ciclo.api.monitor;

/** How urgent an alert is. */
public enum Severity {
  /** Worth knowing; no action needed. */
  INFO,
  /** A change may be starting. */
  WARNING,
  /** A change was detected; act. */
  CRITICAL
}
