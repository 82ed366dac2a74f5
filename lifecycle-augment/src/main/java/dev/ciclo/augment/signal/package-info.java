/**
 * Waveform augmenters for audio: {@link dev.ciclo.augment.signal.Gain}, {@link
 * dev.ciclo.augment.signal.TimeShift}, {@link dev.ciclo.augment.signal.SpeedPerturbation} (speed,
 * changing pitch, as Kaldi does), {@link dev.ciclo.augment.signal.TempoPerturbation} (tempo at
 * constant pitch, WSOLA) and {@link dev.ciclo.augment.signal.Clipping}.
 *
 * <p>Each draws its parameters from the stream it is given, validates its ranges when built, and
 * records the parameters it drew. All are immutable and thread-safe.
 */
package dev.ciclo.augment.signal;
