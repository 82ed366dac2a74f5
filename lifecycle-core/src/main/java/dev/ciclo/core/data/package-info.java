/**
 * Building and splitting datasets: deterministic, seeded splits into train, dev and test.
 */
package dev.ciclo.core.data;
