/**
 * The model registry: numbered {@link dev.ciclo.api.registry.ModelVersion}s with content hashes,
 * aliases such as {@code champion} and {@code challenger}, atomic promotion and roll-back, and
 * the history of every {@link dev.ciclo.api.registry.AliasChange}.
 */
package dev.ciclo.api.registry;
