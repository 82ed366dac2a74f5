/**
 * Augmentation: an {@link dev.ciclo.api.augment.Augmenter} is a pure function of an input and a
 * random stream keyed by {@link dev.ciclo.api.augment.RandomKey} (seed, example id, epoch); each
 * application yields an {@link dev.ciclo.api.augment.AugmentationRecord} of what it did.
 */
package dev.ciclo.api.augment;
