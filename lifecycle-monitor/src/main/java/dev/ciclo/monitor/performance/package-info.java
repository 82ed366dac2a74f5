/**
 * Performance monitoring when labels arrive later than predictions: {@link
 * dev.ciclo.monitor.performance.PerformanceTracker} joins labels to predictions by request id,
 * tracks accuracy over windows and runs a per-event detector on the error stream.
 */
package dev.ciclo.monitor.performance;
