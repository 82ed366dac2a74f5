/** Benchmarks of error analysis: metrics for many slices over a million predictions. */
package dev.ciclo.bench.analysis;
