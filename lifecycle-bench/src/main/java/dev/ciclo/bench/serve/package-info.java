/**
 * Serving benchmarks: {@link dev.ciclo.bench.serve.ServeLoadTarget} starts a bare JDK HTTP
 * handler that returns a fixed JSON (the ceiling) and Ciclo's inference server over a small
 * Tribuo model in one JVM, for {@code lifecycle-bench/scripts/serve-load.sh} to load with
 * {@code wrk}, optionally swapping models under that load.
 */
package dev.ciclo.bench.serve;
