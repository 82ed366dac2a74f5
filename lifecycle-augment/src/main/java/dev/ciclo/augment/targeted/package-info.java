/**
 * Targeted augmentation: {@link dev.ciclo.augment.targeted.TargetedAugmentation} makes augmented
 * copies of the examples of a weak slice (a predicate or a tag) until the slice reaches a target
 * share of the training set, lazily, as a stream of bounded memory.
 */
package dev.ciclo.augment.targeted;
