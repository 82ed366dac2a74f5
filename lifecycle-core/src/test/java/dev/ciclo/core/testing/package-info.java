/**
 * Test fixtures shared by the test packages of lifecycle-core: seeded Gaussian blobs, an
 * in-memory {@code PredictionLog} and a clock tests move by hand. Test scope only; not part of any
 * published api.
 */
package dev.ciclo.core.testing;
