/**
 * Predictors beyond the trained models: {@link dev.ciclo.core.predict.Predictors} wraps any host
 * function, puts a feature extractor in front of a predictor, and predicts large batches on an
 * executor. The same {@code Predictor} over HTTP, {@code HttpPredictor}, lives with the server
 * in {@code lifecycle-serve}.
 */
package dev.ciclo.core.predict;
