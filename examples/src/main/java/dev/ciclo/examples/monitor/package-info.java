/**
 * Monitoring spoken-digit predictions (issue 7's example on real data): what the server logs of
 * each clip ({@link dev.ciclo.speech.SpeechSignals}), a seeded stream of requests
 * whose world changes ({@link dev.ciclo.examples.monitor.SpeechTraffic}), the monitor set up
 * against reference clips ({@link dev.ciclo.examples.monitor.DigitMonitor}), and the example
 * that puts them together on FSDD ({@link dev.ciclo.examples.monitor.FsddMonitorExample}).
 */
package dev.ciclo.examples.monitor;
