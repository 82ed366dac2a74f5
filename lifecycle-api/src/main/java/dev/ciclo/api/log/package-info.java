/**
 * The prediction log: append-only {@link dev.ciclo.api.log.PredictionRecord}s of what was asked,
 * what was answered and by which model, kept as the request's {@link dev.ciclo.api.log.Consent}
 * allows.
 */
package dev.ciclo.api.log;
