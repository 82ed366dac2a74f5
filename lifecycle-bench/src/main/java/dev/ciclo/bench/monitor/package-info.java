/**
 * Benchmarks of lifecycle-monitor: the per-event drift detectors against MOA's on the same
 * stream in the same run ({@code DetectorBench}, with the detection
 * indices side by side from {@code DetectionIndices}), and the
 * two-sample Kolmogorov-Smirnov test on a million values per side ({@link
 * dev.ciclo.bench.monitor.KsBench}; SciPy's {@code ks_2samp} on the same data through {@code
 * scripts/ks-vs-scipy.sh} and {@link dev.ciclo.bench.monitor.KsTiming}).
 *
 * <p>MOA (GPL-3.0) is used here only, as a peer; this module is never deployed.
 */
package dev.ciclo.bench.monitor;
