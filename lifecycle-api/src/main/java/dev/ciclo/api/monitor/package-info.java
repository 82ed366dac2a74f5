/**
 * Monitoring: per-event {@link dev.ciclo.api.monitor.DriftDetector}s, batch
 * {@link dev.ciclo.api.monitor.DriftTest}s, and the {@link dev.ciclo.api.monitor.Monitor} that
 * raises {@link dev.ciclo.api.monitor.Alert}s to {@link dev.ciclo.api.monitor.AlertListener}s.
 */
package dev.ciclo.api.monitor;
