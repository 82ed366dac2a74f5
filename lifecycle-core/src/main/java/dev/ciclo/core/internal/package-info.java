/**
 * Helpers shared by the packages of {@code lifecycle-core}: its one JSON configuration. Not part
 * of the api: {@code module-info.java} does not export this package.
 */
package dev.ciclo.core.internal;
