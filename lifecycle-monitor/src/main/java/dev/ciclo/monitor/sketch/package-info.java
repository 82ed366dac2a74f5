/**
 * Bounded-memory, mergeable summaries of one feature's values, so that a monitor over millions
 * of logged predictions uses constant memory and shards can be merged:
 * {@link dev.ciclo.monitor.sketch.QuantileSketch} (quantiles, for Kolmogorov-Smirnov and
 * Wasserstein), {@link dev.ciclo.monitor.sketch.BinnedHistogram} (fixed bins, for population
 * stability and Jensen-Shannon), {@link dev.ciclo.monitor.sketch.CategoryCounts} (counts by
 * category) and {@link dev.ciclo.monitor.sketch.HeavyHitters} (the most frequent items).
 *
 * <p>None is thread-safe: keep one per thread or shard and {@code merge} them.
 */
package dev.ciclo.monitor.sketch;
