/**
 * The inference server: {@link dev.ciclo.serve.InferenceServer} serves
 * {@link dev.ciclo.serve.ServedModel}s over HTTP on Jetty 12, in the Open Inference Protocol v2
 * shape, with a plain bytes endpoint (a WAV clip from a mobile app), Micrometer metrics (shown
 * as Prometheus text by default), limits and timeouts that slow or hostile clients cannot get
 * past, JSON errors for every client mistake, optional bearer tokens, hot swap without failed
 * requests and a shadow challenger.
 * {@link dev.ciclo.serve.AliasFollower} makes a served model follow a registry alias such as
 * {@code champion}.
 *
 * <p>Endpoints (all answers are JSON except {@code /metrics}):
 *
 * <ul>
 *   <li>{@code GET /v2/health/live}, {@code GET /v2/health/ready} (never need a token)
 *   <li>{@code GET /v2/models/{name}}, {@code GET /v2/models/{name}/ready},
 *       {@code GET /v2/models/{name}/versions/{v}}
 *   <li>{@code POST /v2/models/{name}/infer}, {@code POST /v2/models/{name}/versions/{v}/infer}
 *   <li>{@code POST /models/{name}/predict}: the raw body (for example a WAV file) goes through
 *       the model's bytes decoder; the answer is {@code {"model_name", "model_version", "id",
 *       "prediction", "scores"}}
 *   <li>{@code GET /metrics}: Prometheus text format (unless the host passed its own
 *       {@code MeterRegistry})
 * </ul>
 */
package dev.ciclo.serve;
