package dev.ciclo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AudioClipTest {
  private static float[] gaussian(SplittableRandom r, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (scale * r.nextGaussian());
    }
    return x;
  }

  /** The definition of plus, one sample at a time. */
  private static float[] reference(float[] x, float[] y, int offset, double gain) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + (float) gain * y[(offset + i) % y.length];
    }
    return out;
  }

  @Test
  @DisplayName("plus equals the sample-by-sample definition bit for bit, looping the other clip")
  void plusMatchesReference() {
    qt().withExamples(300)
        .forAll(integers().between(0, 3000), integers().between(1, 3000), longs().all())
        .checkAssert((n, m, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          float[] x = gaussian(r, n, Math.pow(10, r.nextDouble(-4, 1)));
          float[] y = gaussian(r, m, Math.pow(10, r.nextDouble(-4, 1)));
          int offset = r.nextInt(m);
          double gain = (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-6, 3));
          AudioClip sum = AudioClip.of(x, 16000).plus(AudioClip.of(y, 16000), offset, gain);
          float[] want = reference(x, y, offset, gain);
          assertArrayEquals(want, sum.samples(), "n " + n + ", m " + m + ", offset " + offset);
          assertEquals(16000, sum.sampleRate());
          // computed on demand, by the same sum as a clip made from the samples
          assertEquals(AudioClip.of(want, 16000).rms(), sum.rms(), 0.0);
          assertEquals(sum.rms(), sum.rms(), 0.0);
          assertEquals(AudioClip.of(want, 16000), sum);
        });
  }

  @Test
  @DisplayName("a sum can be summed again, and its rms is still the rms of its samples")
  void plusOfPlus() {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = gaussian(r, 500, 0.1);
    float[] y = gaussian(r, 120, 0.2);
    AudioClip noise = AudioClip.of(y, 8000);
    AudioClip once = AudioClip.of(x, 8000).plus(noise, 7, 0.5);
    AudioClip twice = once.plus(noise, 119, -2);
    float[] want = reference(reference(x, y, 7, 0.5), y, 119, -2);
    assertArrayEquals(want, twice.samples());
    assertEquals(AudioClip.of(want, 8000).rms(), twice.rms(), 0.0);
  }

  @Test
  @DisplayName("plus refuses a null or empty clip, another rate, a bad offset and a bad gain")
  void plusBadInput() {
    AudioClip x = AudioClip.of(new float[] {0.1f, 0.2f, 0.3f}, 8000);
    AudioClip y = AudioClip.of(new float[] {0.5f, -0.5f}, 8000);
    var npe = assertThrows(NullPointerException.class, () -> x.plus(null, 0, 1));
    assertEquals("other", npe.getMessage());
    var e = assertThrows(IllegalArgumentException.class,
        () -> x.plus(AudioClip.of(new float[] {1}, 16000), 0, 1));
    assertEquals("other sampleRate must be 8000 Hz (this clip's) but was 16000", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> x.plus(AudioClip.of(new float[0], 8000), 0, 1));
    assertEquals("other must not be empty when this clip has 3 samples", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.plus(y, -1, 1));
    assertEquals("offset must be between 0 and 1 (other has 2 samples) but was -1",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.plus(y, 2, 1));
    assertEquals("offset must be between 0 and 1 (other has 2 samples) but was 2",
        e.getMessage());
    for (double gain : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1e300}) {
      e = assertThrows(IllegalArgumentException.class, () -> x.plus(y, 0, gain));
      assertEquals("gain must be finite as a float (magnitude at most 3.4028235E38) but was "
          + gain, e.getMessage());
    }
  }

  @Test
  @DisplayName("an empty clip plus anything is itself; with an empty other the offset must be 0")
  void plusEmpty() {
    AudioClip empty = AudioClip.of(new float[0], 8000);
    assertSame(empty, empty.plus(AudioClip.of(new float[] {1, 2}, 8000), 1, 3));
    assertSame(empty, empty.plus(empty, 0, 3));
    var e = assertThrows(IllegalArgumentException.class, () -> empty.plus(empty, 1, 3));
    assertEquals("offset must be between 0 and 0 (other has 0 samples) but was 1",
        e.getMessage());
    assertEquals(0, empty.rms());
  }

  @Test
  @DisplayName("a sum that overflows float is refused, naming the first sample that overflows")
  void plusOverflow() {
    AudioClip x = AudioClip.of(new float[] {1, 3e38f, 3e38f, 0}, 8000);
    AudioClip y = AudioClip.of(new float[] {1, -1, -1}, 8000);
    var e = assertThrows(IllegalArgumentException.class, () -> x.plus(y, 2, 1e38));
    assertEquals("the sum overflows float at sample 1: 3.0E38 + 1.0E38 * 1.0 is Infinity",
        e.getMessage());
    // Samples this large fail the cheap bound, so every sample is checked; none overflows here.
    AudioClip fine = x.plus(y, 0, 1e38);
    assertArrayEquals(new float[] {1 + 1e38f, 3e38f - 1e38f, 3e38f - 1e38f, 1e38f},
        fine.samples());
    assertEquals(AudioClip.of(fine.samples(), 8000).rms(), fine.rms(), 0.0);
  }
}
