/**
 * Saving and loading models: {@link dev.ciclo.core.persist.ModelFiles} writes a model in its own
 * format next to a readable JSON manifest holding the format, size, SHA-256 and metadata, and
 * refuses to load a file whose content no longer matches its stored hash.
 * {@link dev.ciclo.core.persist.ModelLoader} reads one format back ({@code "tribuo-protobuf"} for
 * Tribuo models, the MLP's own format in {@code lifecycle-nd4j}).
 */
package dev.ciclo.core.persist;
