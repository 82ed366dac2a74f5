/**
 * Composition of augmenters: {@link dev.ciclo.augment.compose.Compose#sequence sequence}, {@link
 * dev.ciclo.augment.compose.Compose#oneOf oneOf}, {@link dev.ciclo.augment.compose.Compose#someOf
 * someOf} and {@link dev.ciclo.augment.compose.Compose#withProbability withProbability}. The
 * composites draw from the same stream as their children, so a composite is as deterministic as
 * its parts, and their records are the children's records in the order applied.
 */
package dev.ciclo.augment.compose;
