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
 * {@link #asBuffer()} for read-only access without a copy. {@link #plus} mixes one clip into
 * another.
 */
public final class AudioClip implements Fingerprintable {
  /** The highest sample rate accepted, in Hz. */
  public static final int MAX_SAMPLE_RATE = 1_536_000;

  private final float[] samples;
  private final int sampleRate;
  /** The RMS if computed when the clip was made, NaN if left to {@link #rms()}. */
  private final double rms;
  /**
   * The RMS once {@link #rms()} has computed it, for a clip made without it. A boxed value so
   * that "not yet" is the field's default (null), which every thread sees correctly even if the
   * clip reached it through a data race; a double's default, 0, is a valid RMS.
   */
  private volatile Double lazyRms;

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

  /**
   * This clip plus another scaled by a gain, the other read from an offset and looped back to its
   * start as often as needed: sample {@code i} of the result is {@code sample(i) + (float) gain *
   * other.sample((offset + i) % other.length())}, computed in float arithmetic exactly as written
   * (a float product, then a float sum). The result has this clip's length and rate. This is how
   * noise is mixed into a clip.
   *
   * <p>One copy of the other's segment, then one pass that adds this clip to it in place; no
   * pass measures or checks the result. Every output sample is finite unless the sum overflows
   * float; that is ruled out without a pass when the samples' bounds ({@code |x_i| <= rms *
   * sqrt(length)} for each clip) are well below {@link Float#MAX_VALUE}, and checked sample by
   * sample otherwise. So this calls {@link #rms()} on both clips. The result's own {@link #rms()}
   * is computed on its first call, not here.
   *
   * <p>When this clip is empty the result is this clip, whatever the other's length ({@code
   * offset} must then be 0 if the other is empty too).
   *
   * @param other the clip to add, at this clip's sample rate; not empty unless this clip is
   * @param offset where to start reading the other clip, from 0 to {@code other.length() - 1}
   *     (0 if it is empty)
   * @param gain the factor applied to the other clip's samples, as a float, so its magnitude is
   *     at most {@link Float#MAX_VALUE}
   * @return a new immutable clip (or this one, when it is empty)
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the sample rates differ, the other clip is empty while
   *     this one is not, the offset is out of range, the gain is not finite as a float, or the
   *     sum overflows float at some sample (the message names the first such sample)
   */
  public AudioClip plus(AudioClip other, int offset, double gain) {
    Objects.requireNonNull(other, "other");
    if (other.sampleRate != sampleRate) {
      throw new IllegalArgumentException("other sampleRate must be " + sampleRate
          + " Hz (this clip's) but was " + other.sampleRate);
    }
    float g = (float) gain;
    if (!Float.isFinite(g)) {
      throw new IllegalArgumentException(
          "gain must be finite as a float (magnitude at most " + Float.MAX_VALUE + ") but was "
              + gain);
    }
    int n = samples.length;
    int m = other.samples.length;
    if (m == 0 && n > 0) {
      throw new IllegalArgumentException(
          "other must not be empty when this clip has " + n + " samples");
    }
    if (offset < 0 || offset >= Math.max(m, 1)) {
      throw new IllegalArgumentException("offset must be between 0 and " + Math.max(m - 1, 0)
          + " (other has " + m + " samples) but was " + offset);
    }
    if (n == 0) {
      return this;
    }
    // The other's segment first, copied without zeroing a new array where it does not loop,
    // then one pass that adds this clip in place (same index on both sides, so it vectorises).
    float[] out = n <= m - offset
        ? Arrays.copyOfRange(other.samples, offset, offset + n)
        : looped(other.samples, offset, n);
    float[] x = samples;
    for (int k = 0; k < n; k++) {
      out[k] = x[k] + g * out[k];
    }
    // |x_i| <= sqrt(sum of squares) = rms * sqrt(length). Half of Float.MAX_VALUE leaves ample
    // room for the rounding of the RMS (relative error ~ length * 2^-53) and of the float sum.
    double bound = rms() * Math.sqrt(n) + Math.abs(g) * other.rms() * Math.sqrt(m);
    if (!(bound < Float.MAX_VALUE / 2)) {
      for (int k = 0; k < n; k++) {
        if (!Float.isFinite(out[k])) {
          throw new IllegalArgumentException("the sum overflows float at sample " + k + ": "
              + x[k] + " + " + g + " * " + other.samples[(int) ((offset + (long) k) % m)]
              + " is " + out[k]);
        }
      }
    }
    return new AudioClip(out, sampleRate, Double.NaN);
  }

  /** {@code count} samples of {@code x} from {@code offset}, looped back to its start. */
  private static float[] looped(float[] x, int offset, int count) {
    float[] out = new float[count];
    int i = 0;
    int j = offset;
    while (i < count) {
      int run = Math.min(count - i, x.length - j);
      System.arraycopy(x, j, out, i, run);
      i += run;
      j = 0;
    }
    return out;
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
   * Computed once: when the clip is made by {@link #of}, on the first call for a clip made by
   * {@link #plus}. Thread-safe; two threads calling it first at once may both compute it, and get
   * the same value.
   *
   * @return the RMS
   */
  public double rms() {
    if (!Double.isNaN(rms)) {
      return rms;
    }
    Double r = lazyRms;
    if (r == null) {
      r = Math.sqrt(energy(samples) / samples.length); // plus never makes an empty clip
      lazyRms = r;
    }
    return r;
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
