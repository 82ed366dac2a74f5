package dev.ciclo.core.maintain;

/**
 * Hears every step of a {@link MaintenanceLoop}. Events of one cycle arrive in this order, on
 * the thread doing the step:
 *
 * <ol>
 *   <li>{@link MaintenanceEvent.Triggered}
 *   <li>{@link MaintenanceEvent.DatasetBuilt}; then, when there is too little fresh labelled
 *       data, {@link MaintenanceEvent.Skipped} ends the cycle
 *   <li>{@link MaintenanceEvent.ChallengerTrained}
 *   <li>{@link MaintenanceEvent.Evaluated}
 *   <li>{@link MaintenanceEvent.ShadowStarted}, only when the gate has a shadow window and the
 *       offline comparison passed; the rest follows on a later {@link MaintenanceLoop#tick()}
 *   <li>{@link MaintenanceEvent.GateDecided}
 *   <li>{@link MaintenanceEvent.Promoted} or {@link MaintenanceEvent.Rejected}
 *   <li>after a promotion, on a later tick or alert: {@link MaintenanceEvent.WatchPassed} or
 *       {@link MaintenanceEvent.RolledBack}
 * </ol>
 *
 * <p>A listener that throws does not stop the loop: the exception is logged and the other
 * listeners still hear the event.
 */
@FunctionalInterface
public interface MaintenanceListener {
  /**
   * Called for each step.
   *
   * @param event what happened
   */
  void onEvent(MaintenanceEvent event);
}
