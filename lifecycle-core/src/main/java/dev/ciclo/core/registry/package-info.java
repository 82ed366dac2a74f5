/**
 * The model registry on files: {@link dev.ciclo.core.registry.FileModelRegistry} keeps numbered
 * versions of each model in the workspace's {@code models/} folder with their SHA-256 and
 * provenance, moves aliases such as {@code champion} atomically, remembers every move, and loads
 * a version only when its file still matches its hash.
 */
package dev.ciclo.core.registry;
