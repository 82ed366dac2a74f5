/**
 * Batch drift tests of a current window against a reference: {@link
 * dev.ciclo.monitor.batch.KolmogorovSmirnov}, {@link dev.ciclo.monitor.batch.ChiSquare}, {@link
 * dev.ciclo.monitor.batch.PopulationStability}, {@link dev.ciclo.monitor.batch.JensenShannon} and
 * {@link dev.ciclo.monitor.batch.Wasserstein}; the automatic choice by type and sample size
 * ({@link dev.ciclo.monitor.batch.TestSelection}); corrections for testing many features
 * ({@link dev.ciclo.monitor.batch.Correction}) and the "dataset drifted" rule ({@link
 * dev.ciclo.monitor.batch.DatasetDrift}).
 *
 * <p>Numeric samples are {@code double[]}; categorical samples are counts by category
 * ({@code Map<String, Long>}). Statistics and p-values agree with SciPy 1.10 within the
 * tolerances stated in the tests. Every test is stateless and thread-safe.
 */
package dev.ciclo.monitor.batch;
