/**
 * The cost of predicting through Ciclo's {@link dev.ciclo.api.predict.Predictor} against calling
 * the Tribuo model directly.
 */
package dev.ciclo.bench.predict;
