package dev.ciclo.augment.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ciclo.api.data.AudioClip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SquareSumsTest {
  /** 2:27 at 8 kHz, the length of the longest noise file. */
  static final int LONG = 147 * 8000;
  static final int SILENT_FROM = 500_000;
  static final int SILENT_TO = 520_000;
  static final int QUIET_FROM = 700_000;
  static final int QUIET_TO = 720_000;
  static final float[] X = longNoise();
  static final SquareSums SUMS = new SquareSums(AudioClip.of(X, 8000));

  /**
   * Noise whose loudness drifts over 40 dB, with a silent stretch and a stretch 100 dB below
   * the rest (where a plain prefix difference would cancel to nothing).
   */
  static float[] longNoise() {
    SplittableRandom r = new SplittableRandom(11);
    float[] x = new float[LONG];
    for (int i = 0; i < x.length; i++) {
      double level = Math.pow(10, -2 * (0.5 + 0.5 * Math.sin(i / 40_000.0)));
      x[i] = (float) (level * r.nextGaussian());
    }
    for (int i = SILENT_FROM; i < SILENT_TO; i++) {
      x[i] = 0;
    }
    for (int i = QUIET_FROM; i < QUIET_TO; i++) {
      x[i] = (float) (1e-5 * r.nextGaussian());
    }
    return x;
  }

  /** The reference: a compensated (Kahan) double sum of the squares, sample by sample. */
  static double reference(float[] x, int offset, int count) {
    double s = 0;
    double c = 0;
    for (int i = 0; i < count; i++) {
      double v = x[(offset + i) % x.length];
      double y = v * v - c;
      double t = s + y;
      c = (t - s) - y;
      s = t;
    }
    return s;
  }

  @Test
  @DisplayName("any range of a 2:27 recording has the energy of a direct sum within 1e-6")
  void ranges() {
    qt().withExamples(300)
        .forAll(integers().between(0, LONG), integers().between(0, 20_000))
        .checkAssert((from, count) -> {
          int to = Math.min(LONG, from + count);
          double expected = reference(X, from, to - from);
          assertEquals(expected, SUMS.energy(from, to), 1e-6 * expected,
              "[" + from + ", " + to + ")");
        });
  }

  @Test
  @DisplayName("a segment that wraps around, once or many times, matches a direct sum")
  void looped() {
    qt().withExamples(40)
        .forAll(integers().between(0, LONG - 1), integers().between(1, 3 * LONG))
        .checkAssert((offset, count) -> {
          double expected = reference(X, offset, count);
          assertEquals(expected, SUMS.looped(offset, count), 1e-6 * expected,
              "offset " + offset + ", count " + count);
        });
    float[] shortNoise = {0.5f, -0.25f, 0, 1};
    SquareSums s = new SquareSums(AudioClip.of(shortNoise, 8000));
    // From sample 3: 1; then 2 whole passes of 1.3125; then 0.25 + 0.0625.
    assertEquals(1 + 2 * 1.3125 + 0.3125, s.looped(3, 11), 1e-15);
    assertEquals(1.3125, s.total(), 0);
  }

  @Test
  @DisplayName("a silent segment has energy exactly 0, and a quiet one keeps its precision")
  void silentAndQuiet() {
    assertEquals(0.0, SUMS.energy(SILENT_FROM, SILENT_TO));
    assertEquals(0.0, SUMS.energy(SILENT_FROM + 3, SILENT_FROM + 8003));
    assertEquals(0.0, SUMS.energy(SILENT_FROM + 65, SILENT_FROM + 100));
    assertEquals(0.0, SUMS.looped(SILENT_FROM + 1, 8000));
    double expected = reference(X, QUIET_FROM + 17, 8000);
    assertTrue(expected > 0 && expected < 1e-6);
    assertEquals(expected, SUMS.energy(QUIET_FROM + 17, QUIET_FROM + 8017), 1e-6 * expected);
    // A segment just past the silence holds only its own samples' energy.
    assertEquals(reference(X, SILENT_TO, 100), SUMS.energy(SILENT_FROM + 10, SILENT_TO + 100),
        1e-12 * reference(X, SILENT_TO, 100));
  }

  @Test
  @DisplayName("short and empty recordings and ranges need no whole block")
  void small() {
    SquareSums s = new SquareSums(AudioClip.of(new float[] {3, 4}, 8000));
    assertEquals(25, s.total());
    assertEquals(16, s.energy(1, 2));
    assertEquals(0, s.energy(1, 1));
    assertEquals(0, new SquareSums(AudioClip.of(new float[0], 8000)).total());
    assertEquals(0, SUMS.energy(LONG, LONG));
    assertEquals(reference(X, 0, LONG), SUMS.total(), 1e-9 * SUMS.total());
  }
}
