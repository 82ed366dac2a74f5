/**
 * The client side: {@link dev.ciclo.serve.client.HttpPredictor} is a {@code Predictor} over HTTP
 * against an {@link dev.ciclo.serve.InferenceServer}, with the same answers as the in-process
 * predictor.
 */
package dev.ciclo.serve.client;
