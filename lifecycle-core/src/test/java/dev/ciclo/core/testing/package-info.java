/**
 * Test fixtures shared by the test packages of lifecycle-core: seeded Gaussian blobs, an
 * in-memory {@code PredictionLog}, a clock tests move by hand and a file registry of blob models.
 * Test scope only; not part of any published api.
 */
package dev.ciclo.core.testing;
