/**
 * Benchmarks of the prediction log: logging raw inputs under training consent against writing
 * the same bytes with a {@link java.nio.channels.FileChannel}, and a server's throughput with raw
 * logging on and off.
 */
package dev.ciclo.bench.log;
