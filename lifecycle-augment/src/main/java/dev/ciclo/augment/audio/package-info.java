/**
 * Audio in and out: {@link dev.ciclo.augment.audio.Wav} reads WAV files (PCM 8/16/24/32-bit and
 * 32/64-bit float, any channel count mixed down to mono, any sample rate) into {@link
 * dev.ciclo.api.data.AudioClip}s and writes them back; {@link dev.ciclo.augment.audio.Resampler}
 * changes the sample rate behind an anti-aliasing (Kaiser-windowed sinc) filter.
 *
 * <p>A file that is corrupt, truncated or in a format not supported gets a {@link
 * dev.ciclo.api.CicloException} naming the file and what was wrong, never another exception.
 */
package dev.ciclo.augment.audio;
