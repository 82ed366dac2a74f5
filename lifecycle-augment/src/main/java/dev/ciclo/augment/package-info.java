/**
 * Augmentation for Ciclo: audio I/O and features, noise augmentation for audio, tabular data and
 * text, composition, and the provenance of what was applied.
 *
 * <p>The sub-packages, by concern:
 *
 * <ul>
 *   <li>{@link dev.ciclo.augment.audio}: WAV reading and writing, resampling;
 *   <li>{@link dev.ciclo.augment.features}: log-mel spectrograms, MFCC, summary vectors and
 *       spectrogram masking (SpecAugment);
 *   <li>{@link dev.ciclo.augment.noise}: Gaussian and background noise at a level or an SNR;
 *   <li>{@link dev.ciclo.augment.signal}: gain, time shift, speed perturbation, clipping;
 *   <li>{@link dev.ciclo.augment.tabular} and {@link dev.ciclo.augment.text}: jitter, swap noise,
 *       SMOTE-style oversampling; typos, word dropout and swaps;
 *   <li>{@link dev.ciclo.augment.compose}: sequence, one-of, some-of and probabilities;
 *   <li>{@link dev.ciclo.augment.targeted}: augmenting a weak slice up to a share of the training
 *       set, lazily.
 * </ul>
 *
 * <p>This package holds {@link dev.ciclo.augment.DatasetAugmentation}, which applies an augmenter to
 * a whole dataset with streams keyed by (seed, example id, copy), keeps ids and groups, and rolls
 * the records up into the dataset's provenance, and {@link dev.ciclo.augment.Records}, which turns
 * records into text.
 */
package dev.ciclo.augment;
