/**
 * Predictors beyond the trained models: {@link dev.ciclo.core.predict.Predictors} wraps any host
 * function, puts a feature extractor in front of a predictor, and predicts large batches on an
 * executor; {@link dev.ciclo.core.predict.HttpPredictor} is the same {@code Predictor} over
 * HTTP, against an {@link dev.ciclo.core.serve.InferenceServer}, with the same answers as the
 * in-process predictor.
 */
package dev.ciclo.core.predict;
