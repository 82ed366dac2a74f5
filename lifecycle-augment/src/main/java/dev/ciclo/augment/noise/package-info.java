/**
 * Noise augmentation for audio that records what it did: {@link
 * dev.ciclo.augment.noise.GaussianNoise} at an absolute level or a target SNR, and {@link
 * dev.ciclo.augment.noise.BackgroundNoise} from a {@link dev.ciclo.augment.noise.NoiseBank} of
 * real recordings at an SNR range.
 *
 * <p>SNR is RMS-based over the whole clip: the noise is scaled so that {@code 20 log10(rms(clean)
 * / rms(noise))} equals the drawn SNR, using the noise actually added (so the measured SNR, which
 * the record also carries, matches the request to float rounding). {@code GaussianNoise} measures
 * it on the output; {@code BackgroundNoise}, whose mixing is the hot path of augmentation,
 * measures the two signals it sums, the noise segment in a pass of its own (its Javadoc says how
 * the two can differ: by about 1e-5 dB at most on real audio). A silent input gets no noise and
 * no NaN: its record says it was skipped.
 */
package dev.ciclo.augment.noise;
