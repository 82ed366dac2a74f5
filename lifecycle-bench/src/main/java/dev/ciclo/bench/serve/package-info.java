/**
 * Serving benchmarks: {@link dev.ciclo.bench.serve.ServeLoadTarget} starts, in one JVM, bare
 * Jetty 12 handlers that read the body and return a fixed JSON of the size of Ciclo's answer (as
 * Jetty makes a handler by default, blocking, and declared non-blocking: the ceilings) and Ciclo's
 * inference server over a small Tribuo model, optionally swapping models under load;
 * {@link dev.ciclo.bench.serve.OpenLoopLoad} loads them at one fixed rate (p99 at the same
 * offered load) and {@link dev.ciclo.bench.serve.ProtocolLoad} compares gRPC with REST.
 * {@code lifecycle-bench/scripts/serve-load.sh} runs them all beside {@code wrk}'s throughput;
 * {@code lifecycle-bench/scripts/serve-p99.sh} repeats the p99 comparison with the default bare
 * handler over fresh JVMs and gives the median over runs.
 */
package dev.ciclo.bench.serve;
