/**
 * Monitoring a model in production: {@link dev.ciclo.monitor.LogMonitor} reads a
 * {@link dev.ciclo.api.log.PredictionLog} in windows, runs drift tests on the inputs, the
 * predictions and their confidence, tracks vocabulary drift and delayed-label performance, raises
 * {@link dev.ciclo.api.monitor.Alert}s to listeners and keeps a {@link
 * dev.ciclo.monitor.MonitorReport} that {@link dev.ciclo.monitor.report.ReportWriter} turns into
 * JSON and HTML.
 *
 * <p>Sub-packages by concern: {@code detect} (per-event detectors), {@code batch} (batch tests,
 * corrections), {@code sketch} (bounded-memory summaries), {@code vocabulary}, {@code
 * performance}, {@code report}.
 */
package dev.ciclo.monitor;
