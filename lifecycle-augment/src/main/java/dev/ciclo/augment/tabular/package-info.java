/**
 * Tabular augmentation over {@link dev.ciclo.api.features.FeatureVector}s: {@link
 * dev.ciclo.augment.tabular.GaussianJitter} (noise per feature scaled to its spread), {@link
 * dev.ciclo.augment.tabular.SwapNoise} (values swapped in from other rows), and {@link
 * dev.ciclo.augment.tabular.Smote} (minority oversampling by interpolation between neighbours).
 *
 * <p>Each is fitted on reference rows, which should be the training set only, so nothing from
 * the test set leaks into the augmentation.
 */
package dev.ciclo.augment.tabular;
