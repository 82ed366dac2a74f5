package dev.ciclo.augment.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MixingTest {
  @Test
  @DisplayName("mixing in place writes clean + gain * looped noise and returns the energy written")
  void mixInPlace() {
    qt().withExamples(200)
        .forAll(integers().between(0, 3000), integers().between(1, 1200), longs().all())
        .checkAssert((n, len, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          float[] clean = new float[n];
          float[] noise = new float[len];
          for (int i = 0; i < n; i++) {
            clean[i] = (float) r.nextGaussian();
          }
          for (int i = 0; i < len; i++) {
            noise[i] = (float) r.nextGaussian();
          }
          int offset = r.nextInt(len);
          double gain = Math.pow(10, r.nextDouble(-3, 1));
          float[] out = clean.clone();
          double energy = Mixing.mixInPlace(out, noise, offset, gain);
          double expected = 0;
          for (int i = 0; i < n; i++) {
            float want = clean[i] + (float) gain * noise[(offset + i) % len];
            assertEquals(want, out[i], 0f, "sample " + i);
            double d = (double) out[i] - clean[i];
            expected += d * d;
          }
          // Float lanes of at most 64 terms: relative error below 4e-6 (see Mixing).
          assertEquals(expected, energy, 4e-6 * expected, "n " + n + ", len " + len);
        });
  }
}
