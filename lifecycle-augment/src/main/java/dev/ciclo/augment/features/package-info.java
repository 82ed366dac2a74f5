/**
 * Speech features: {@link dev.ciclo.augment.features.SpeechFeatures} computes log-mel spectrograms
 * and MFCC from an {@link dev.ciclo.api.data.AudioClip} under a {@link
 * dev.ciclo.augment.features.SpectralConfig}; {@link dev.ciclo.augment.features.MfccSummary} turns
 * a clip into a fixed-length, named {@link dev.ciclo.api.features.FeatureVector} for classical
 * models; {@link dev.ciclo.augment.features.SpecAugment} masks time and frequency bands of a
 * {@link dev.ciclo.augment.features.Spectrogram}.
 *
 * <p>The definitions (framing, window, mel scale, log, DCT) are written out in {@link
 * dev.ciclo.augment.features.SpeechFeatures} and checked in the tests against an independent
 * NumPy/SciPy implementation ({@code src/test/python/mfcc_reference.py}).
 */
package dev.ciclo.augment.features;
