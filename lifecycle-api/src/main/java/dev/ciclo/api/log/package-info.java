/**
 * The prediction log: append-only {@link dev.ciclo.api.log.PredictionRecord}s of what was asked,
 * what was answered and by which model, kept as the request's {@link dev.ciclo.api.log.Consent}
 * allows: typed monitoring {@link dev.ciclo.api.log.Signal}s under monitoring consent, and the
 * raw input as it arrived (a {@link dev.ciclo.api.log.Payload}: bytes with a media type, a
 * tensor or typed fields) under training consent.
 */
package dev.ciclo.api.log;
