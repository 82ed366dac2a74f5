package dev.ciclo.api.data;

import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A mono audio clip: samples as floats (nominally in {@code [-1, 1]}) at a sample rate.
 *
 * <p>Immutable and thread-safe: the samples are copied in and copied out; use
 * {@link #asBuffer()} for read-only access without a copy.
 */
public final class AudioClip implements Fingerprintable {
  /** The highest sample rate accepted, in Hz. */
  public static final int MAX_SAMPLE_RATE = 1_536_000;

  private final float[] samples;
  private final int sampleRate;
  private final double rms;

  private AudioClip(float[] samples, int sampleRate, double rms) {
    this.samples = samples;
    this.sampleRate = sampleRate;
    this.rms = rms;
  }

  /**
   * A clip from samples, which are copied.
   *
   * @param samples the samples, each finite
   * @param sampleRate samples per second, from 1 to {@value #MAX_SAMPLE_RATE}
   * @return the clip
   * @throws NullPointerException if {@code samples} is null
   * @throws IllegalArgumentException if the rate is out of range or a sample is NaN or infinite
   */
  public static AudioClip of(float[] samples, int sampleRate) {
    Objects.requireNonNull(samples, "samples");
    if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
      throw new IllegalArgumentException(
          "sampleRate must be between 1 and " + MAX_SAMPLE_RATE + " Hz but was " + sampleRate);
    }
    float[] copy = samples.clone();
    double energy = energy(copy);
    if (!Double.isFinite(energy)) {
      // a float squared is at most ~1.2e77 in double: the sum is finite unless a sample is not
      for (int i = 0; i < copy.length; i++) {
        if (!Float.isFinite(copy[i])) {
          throw new IllegalArgumentException(
              "samples must be finite but sample " + i + " was " + copy[i]);
        }
      }
    }
    return new AudioClip(copy, sampleRate, copy.length == 0 ? 0 : Math.sqrt(energy / copy.length));
  }

  /** Sum of squares in eight independent lanes, so the adds do not wait on each other. */
  private static double energy(float[] x) {
    double e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0;
    int i = 0;
    for (; i + 8 <= x.length; i += 8) {
      e0 += (double) x[i] * x[i];
      e1 += (double) x[i + 1] * x[i + 1];
      e2 += (double) x[i + 2] * x[i + 2];
      e3 += (double) x[i + 3] * x[i + 3];
      e4 += (double) x[i + 4] * x[i + 4];
      e5 += (double) x[i + 5] * x[i + 5];
      e6 += (double) x[i + 6] * x[i + 6];
      e7 += (double) x[i + 7] * x[i + 7];
    }
    for (; i < x.length; i++) {
      e0 += (double) x[i] * x[i];
    }
    return ((e0 + e1) + (e2 + e3)) + ((e4 + e5) + (e6 + e7));
  }

  /**
   * A copy of the samples.
   *
   * @return a new array
   */
  public float[] samples() {
    return samples.clone();
  }

  /**
   * Read-only access to the samples without a copy.
   *
   * @return a read-only buffer positioned at 0
   */
  public FloatBuffer asBuffer() {
    return FloatBuffer.wrap(samples).asReadOnlyBuffer();
  }

  /**
   * One sample.
   *
   * @param index from 0 to {@code length() - 1}
   * @return the sample
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public float sample(int index) {
    Objects.checkIndex(index, samples.length);
    return samples[index];
  }

  /**
   * The number of samples.
   *
   * @return the length
   */
  public int length() {
    return samples.length;
  }

  /**
   * Samples per second.
   *
   * @return the rate in Hz
   */
  public int sampleRate() {
    return sampleRate;
  }

  /**
   * How long the clip lasts.
   *
   * @return the duration, rounded to the nanosecond
   */
  public Duration duration() {
    return Duration.ofNanos(Math.round(samples.length * 1e9 / sampleRate));
  }

  /**
   * The root mean square of the samples (energy summed in {@code double}); 0 for an empty clip.
   * Computed once, when the clip is made.
   *
   * @return the RMS
   */
  public double rms() {
    return rms;
  }

  @Override
  public void writeFingerprint(MessageDigest digest) {
    ContentDigest.putString(digest, "AudioClip");
    ContentDigest.putLong(digest, sampleRate);
    ContentDigest.put(digest, samples);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AudioClip other
        && sampleRate == other.sampleRate
        && Arrays.equals(samples, other.samples);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRate + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "AudioClip[" + samples.length + " samples at " + sampleRate + " Hz]";
  }
}
