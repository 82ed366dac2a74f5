/**
 * Benchmarks of lifecycle-augment, each beside its baseline in the same run: background-noise
 * mixing against a plain copy of the samples, and MFCC (JTransforms FFT) against the same
 * pipeline with a naive DFT. Scores are one-second 8 kHz clips per second on one thread.
 */
package dev.ciclo.bench.augment;
