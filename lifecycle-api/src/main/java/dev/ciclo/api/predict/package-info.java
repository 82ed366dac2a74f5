/**
 * Prediction: the {@link dev.ciclo.api.predict.Predictor} interface that is the same in-process
 * and over HTTP, its {@link dev.ciclo.api.predict.Prediction}s with their
 * {@link dev.ciclo.api.predict.Scores}, and the model's
 * {@link dev.ciclo.api.predict.ModelMetadata}.
 */
package dev.ciclo.api.predict;
