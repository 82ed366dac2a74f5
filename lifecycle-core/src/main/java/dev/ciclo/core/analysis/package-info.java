/**
 * Error analysis: metrics for every slice of the data ranked so that small noisy slices do not
 * top the list ({@link dev.ciclo.core.analysis.ErrorAnalyzer}), SliceLine-style discovery of weak
 * combinations of metadata values ({@link dev.ciclo.core.analysis.SliceFinder}), the most
 * confident errors, the manual tagging round trip ({@link dev.ciclo.core.analysis.TaggingSheet}),
 * the bias/variance diagnosis with its advice ({@link dev.ciclo.core.analysis.BiasVarianceDiagnoser})
 * and learning and validation curves over any trainer
 * ({@link dev.ciclo.core.analysis.LearningCurves}, {@link dev.ciclo.core.analysis.ValidationCurves}).
 */
package dev.ciclo.core.analysis;
