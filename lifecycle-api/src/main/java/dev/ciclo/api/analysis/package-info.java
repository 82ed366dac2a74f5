/**
 * Analysis results: {@link dev.ciclo.api.analysis.Evaluation}s, per-slice
 * {@link dev.ciclo.api.analysis.ErrorAnalysis}, the {@link dev.ciclo.api.analysis.BiasVariance}
 * diagnosis and {@link dev.ciclo.api.analysis.LearningCurve}s. These are values; the engines that
 * compute them live in {@code lifecycle-core}.
 */
package dev.ciclo.api.analysis;
