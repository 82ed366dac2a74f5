/** Benchmarks of lifecycle-speech: serving a clip through VAD, features and the model. */
package dev.ciclo.bench.speech;
