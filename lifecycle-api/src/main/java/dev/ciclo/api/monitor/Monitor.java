package dev.ciclo.api.monitor;

import java.util.List;

/**
 * Watches a model in production: reads what was logged since the last call in windows, runs its
 * detectors and tests, and raises alerts to its listeners.
 *
 * <p>Implementations say whether they are thread-safe; calls to {@link #poll()} must not overlap.
 */
public interface Monitor {
  /**
   * Processes everything logged since the last call.
   *
   * @return the alerts raised by this call, oldest first; empty if none
   * @throws dev.ciclo.api.CicloException if the log cannot be read at all (bad segments are
   *     skipped and counted, never fatal)
   */
  List<Alert> poll();

  /**
   * Adds a listener that hears every alert raised from now on.
   *
   * @param listener the listener
   */
  void addListener(AlertListener listener);
}
