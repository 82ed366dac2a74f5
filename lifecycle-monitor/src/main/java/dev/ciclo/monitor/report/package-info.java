/**
 * Reports of a monitor's history: {@link dev.ciclo.monitor.report.ReportWriter} writes a
 * {@link dev.ciclo.monitor.MonitorReport} as JSON (for tools) and as a self-contained HTML page
 * with inline SVG charts (for people). No third-party dependency.
 */
package dev.ciclo.monitor.report;
