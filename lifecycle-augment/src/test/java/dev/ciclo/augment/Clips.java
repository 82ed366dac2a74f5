package dev.ciclo.augment;

import dev.ciclo.api.data.AudioClip;
import java.util.List;
import java.util.SplittableRandom;

/** Small deterministic clips for tests. */
public final class Clips {
  private Clips() {}

  /**
   * A clip of a decaying tone plus a little deterministic noise.
   *
   * @param n samples
   * @param seed the noise seed
   * @return the clip at 8 kHz
   */
  public static AudioClip speechLike(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (0.3 * Math.sin(2 * Math.PI * (150 + seed % 7 * 40) * i / 8000.0)
          * Math.exp(-i / (double) Math.max(1, n)) + 0.02 * (r.nextDouble() - 0.5));
    }
    return AudioClip.of(s, 8000);
  }

  /**
   * A few clips of different lengths, one of them silent.
   *
   * @return the clips
   */
  public static List<AudioClip> some() {
    return List.of(
        speechLike(800, 1), speechLike(1200, 2), speechLike(8000, 3), speechLike(3, 4),
        AudioClip.of(new float[500], 8000));
  }
}
