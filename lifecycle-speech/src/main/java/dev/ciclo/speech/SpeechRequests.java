package dev.ciclo.speech;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.Resampler;
import dev.ciclo.augment.audio.Wav;
import java.util.Objects;

/**
 * Decodes the WAV body of a serving request into a clip the recipe can read.
 *
 * <ul>
 *   <li>Any PCM, float or G.711 (mu-law, A-law) WAV that lifecycle-augment's {@link Wav} reads
 *       is accepted; stereo and other multi-channel files are <b>mixed down</b> to mono by
 *       averaging the channels.
 *   <li>Other sample rates are <b>resampled</b> to the recipe's rate with {@link Resampler}
 *       (windowed sinc, anti-aliased), so a 16 kHz or 44.1 kHz phone recording is served like an
 *       8 kHz one.
 *   <li>Rates below half the recipe's rate (4,000 Hz for its 8 kHz) are <b>refused</b> with an
 *       {@link IllegalArgumentException} naming the rate: such a recording holds none of the upper
 *       half of the band the recipe reads, and upsampling it costs more the lower it is. A WAV of
 *       64 bytes declaring 1 Hz is ten seconds of audio; resampling it to 8 kHz took 11 to 14 ms
 *       of CPU, and a flood of such files, at 6 KB/s, kept a server's health checks waiting for
 *       seconds.
 *   <li>Clips longer than the maximum (default {@value #DEFAULT_MAX_SECONDS} s: a command, not a
 *       dictation) are <b>refused</b> with an {@link IllegalArgumentException} that says the
 *       duration and the limit; the server turns it into a 4xx and keeps serving. Bytes that are
 *       not a WAV, or a truncated one, get a {@link CicloException} naming the source; a WAV
 *       piped out of a recorder, with a placeholder data length, is read to its end.
 *   <li>Float samples outside [-1, 1] (full scale) are <b>refused</b> with an
 *       {@link IllegalArgumentException} naming the first such sample and its value: such a file
 *       is not audio the recipe was trained on (NaN and infinities are refused by the decoding).
 *   <li>Empty and very short clips are <b>not</b> errors: they decode, and the model answers
 *       them {@link SpeechRecipe#NO_SPEECH}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class SpeechRequests {
  /** The default longest accepted clip, in seconds. */
  public static final double DEFAULT_MAX_SECONDS = 10;

  private final int sampleRate;
  private final double maxSeconds;

  private SpeechRequests(int sampleRate, double maxSeconds) {
    this.sampleRate = sampleRate;
    this.maxSeconds = maxSeconds;
  }

  /**
   * Decoding for the recipe's rate ({@link SpeechRecipe#SAMPLE_RATE}) and the default maximum.
   *
   * @return the decoder
   */
  public static SpeechRequests defaults() {
    return of(SpeechRecipe.SAMPLE_RATE, DEFAULT_MAX_SECONDS);
  }

  /**
   * Decoding for a rate and a maximum duration.
   *
   * @param sampleRate the rate clips are resampled to, 1000 to 192000 Hz
   * @param maxSeconds the longest accepted clip, more than 0 and at most 600 s
   * @return the decoder
   */
  public static SpeechRequests of(int sampleRate, double maxSeconds) {
    if (sampleRate < 1000 || sampleRate > 192_000) {
      throw new IllegalArgumentException("sampleRate must be between 1000 and 192000 Hz but was "
          + sampleRate);
    }
    if (!(maxSeconds > 0 && maxSeconds <= 600)) {
      throw new IllegalArgumentException("maxSeconds must be more than 0 and at most 600 but was "
          + maxSeconds);
    }
    return new SpeechRequests(sampleRate, maxSeconds);
  }

  /**
   * The longest accepted clip.
   *
   * @return seconds
   */
  public double maxSeconds() {
    return maxSeconds;
  }

  /**
   * The lowest sample rate accepted: half the rate clips are resampled to.
   *
   * @return hertz
   */
  public int minSampleRate() {
    return (sampleRate + 1) / 2;
  }

  /**
   * Decodes a request body.
   *
   * @param body the WAV file's bytes
   * @return a mono clip at the recipe's rate
   * @throws CicloException if the bytes are not a readable WAV
   * @throws IllegalArgumentException if the clip's rate is below {@link #minSampleRate()}, it is
   *     longer than {@link #maxSeconds()} or a sample is outside [-1, 1]
   */
  public AudioClip decode(byte[] body) {
    Objects.requireNonNull(body, "body");
    AudioClip clip = Wav.decode(body, "request body");
    if (clip.sampleRate() < minSampleRate()) {
      throw new IllegalArgumentException("WAV sample rate must be at least " + minSampleRate()
          + " Hz (half the model's " + sampleRate + " Hz) but was " + clip.sampleRate() + " Hz");
    }
    for (int i = 0; i < clip.length(); i++) {
      float s = clip.sample(i);
      if (!(s >= -1f && s <= 1f)) {
        throw new IllegalArgumentException("WAV samples must be between -1 and 1 but sample " + i
            + " was " + s);
      }
    }
    double seconds = clip.length() / (double) clip.sampleRate();
    if (seconds > maxSeconds) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "clip duration must be at most %.1f s but was %.3f s", maxSeconds, seconds));
    }
    if (clip.sampleRate() == sampleRate) {
      return clip;
    }
    return clip.length() == 0 ? AudioClip.of(new float[0], sampleRate)
        : Resampler.resample(clip, sampleRate);
  }
}
