package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("voicing: how much of a segment repeats with a pitch period")
class VoicingTest {
  @Test
  @DisplayName("a 150 Hz vowel-like tone is voiced throughout; white noise is not")
  void voicedAndUnvoiced() {
    Random r = new Random(3);
    float[] vowel = new float[8000];
    float[] noise = new float[8000];
    for (int i = 0; i < vowel.length; i++) {
      double t = i / 8000.0;
      vowel[i] = (float) (0.2 * Math.sin(2 * Math.PI * 150 * t)
          + 0.1 * Math.sin(2 * Math.PI * 300 * t) + 0.05 * Math.sin(2 * Math.PI * 450 * t)
          + 0.005 * r.nextGaussian());
      noise[i] = (float) (0.1 * r.nextGaussian());
    }
    double[] v = Voicing.measure(AudioClip.of(vowel, 8000), 0, 8000);
    double[] n = Voicing.measure(AudioClip.of(noise, 8000), 0, 8000);
    assertEquals(1.0, v[0], 1e-12, "voiced share of the tone");
    // the autocorrelation of a Hann-windowed frame falls with the lag (the window's own), so a
    // perfectly periodic 150 Hz frame peaks near 0.75 at its period, not at 1
    assertTrue(v[1] > 0.7, "top voicing of the tone " + v[1]);
    assertEquals(0.0, n[0], 0.05, "voiced share of white noise");
    assertTrue(n[1] < 0.5, "top voicing of white noise " + n[1]);
  }

  @Test
  @DisplayName("a segment shorter than one frame, or silent, measures 0")
  void tooShortOrSilent() {
    assertArrayEquals(new double[] {0, 0},
        Voicing.measure(AudioClip.of(new float[100], 8000), 0, 100));
    assertArrayEquals(new double[] {0, 0},
        Voicing.measure(AudioClip.of(new float[8000], 8000), 0, 8000));
  }
}
