/**
 * The maintenance loop: drift-triggered retraining, champion/challenger comparison, a gated
 * promotion with an optional shadow window, a hot swap and an automatic roll back.
 *
 * <p>{@link dev.ciclo.core.maintain.MaintenanceLoop} is the entry point. It listens to alerts of
 * any {@link dev.ciclo.api.monitor.Monitor} (it is an {@link dev.ciclo.api.monitor.AlertListener}),
 * to a schedule and to the count of labels arriving late
 * ({@link dev.ciclo.api.log.LabelRecord}); it builds the next training set from the
 * previous one plus the logged predictions whose consent allows training, joined with their
 * labels by request id; trains a challenger with the champion's recipe (looked up in the host's
 * {@link dev.ciclo.core.maintain.Recipes} by the champion's run record); compares both on the
 * same fresh data and declared slices; lets a {@link dev.ciclo.core.maintain.PromotionGate}
 * decide; and promotes (registry alias and served model) or rejects. Every step is a
 * {@link dev.ciclo.core.maintain.MaintenanceEvent} for a
 * {@link dev.ciclo.core.maintain.MaintenanceListener}, and every decision, with its evidence and
 * reasons, is written to the challenger's run record, from which
 * {@link dev.ciclo.core.maintain.PromotionGate#replay} derives it again.
 */
package dev.ciclo.core.maintain;
