/**
 * Per-event drift detectors for one stream of numbers (an error stream of 0s and 1s, scores, a
 * single feature): {@link dev.ciclo.monitor.detect.Adwin}, {@link dev.ciclo.monitor.detect.Ddm},
 * {@link dev.ciclo.monitor.detect.Eddm}, {@link dev.ciclo.monitor.detect.PageHinkley},
 * {@link dev.ciclo.monitor.detect.Cusum}, {@link dev.ciclo.monitor.detect.HddmA},
 * {@link dev.ciclo.monitor.detect.HddmW} and {@link dev.ciclo.monitor.detect.Kswin}.
 *
 * <p>All implement {@link dev.ciclo.api.monitor.DriftDetector}: {@code update(value)} returns
 * NONE, WARNING or DRIFT; {@code estimate()} and {@code count()} report the level and the number
 * of values. Every class states its paper's defaults. None is thread-safe: one detector watches one
 * stream on one thread. After a DRIFT, a detector restarts its statistics on the next value (as
 * MOA and River do), so it can detect the next change; {@code count()} keeps counting.
 */
package dev.ciclo.monitor.detect;
