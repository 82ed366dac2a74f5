package dev.ciclo.api.monitor;

/**
 * Hears alerts. Called on the monitor's thread, in the order alerts are raised; an exception
 * from a listener is logged by the monitor and does not stop other listeners.
 */
@FunctionalInterface
public interface AlertListener {
  /**
   * An alert was raised.
   *
   * @param alert the alert
   */
  void onAlert(Alert alert);
}
