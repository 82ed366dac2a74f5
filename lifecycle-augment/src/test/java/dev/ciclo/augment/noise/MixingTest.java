package dev.ciclo.augment.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.data.AudioClip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MixingTest {
  @Test
  @DisplayName("the looped sum of squares matches a double sum sample by sample within 4e-6")
  void sumSquaresLooped() {
    qt().withExamples(200)
        .forAll(integers().between(0, 3000), integers().between(1, 1200), longs().all())
        .checkAssert((n, len, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          float[] noise = new float[len];
          double scale = Math.pow(10, r.nextDouble(-5, 1));
          for (int i = 0; i < len; i++) {
            noise[i] = (float) (scale * r.nextGaussian());
          }
          int offset = r.nextInt(len);
          double expected = 0;
          for (int i = 0; i < n; i++) {
            double v = noise[(offset + i) % len];
            expected += v * v;
          }
          double got = Mixing.sumSquaresLooped(AudioClip.of(noise, 8000), offset, n);
          // Float lanes of at most 64 terms: relative error below 4e-6 (see Mixing).
          assertEquals(expected, got, 4e-6 * expected, "n " + n + ", len " + len);
        });
  }

  @Test
  @DisplayName("the rms of a clip matches its definition; an empty clip's is 0")
  void rms() {
    float[] x = new float[1003];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 2 == 0 ? 0.5f : -0.25f;
    }
    assertEquals(Math.sqrt((502 * 0.25 + 501 * 0.0625) / 1003), Mixing.rms(AudioClip.of(x, 8000)),
        1e-12);
    assertEquals(0, Mixing.rms(AudioClip.of(new float[0], 8000)));
    assertEquals(0, Mixing.sumSquaresLooped(AudioClip.of(new float[0], 8000), 0, 0));
  }
}
