/**
 * Augmentation example: {@link dev.ciclo.examples.augment.CarNoiseMixing} mixes real car noise
 * ({@code street-cars.wav}) into FSDD spoken digits at 0-10 dB SNR and writes the noisy WAVs with
 * the record of what was done to each.
 */
package dev.ciclo.examples.augment;
