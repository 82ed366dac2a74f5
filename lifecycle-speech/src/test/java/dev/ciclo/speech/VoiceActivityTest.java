package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("voice-activity detection")
class VoiceActivityTest {
  @Test
  @DisplayName("a tone burst in faint noise: the segment covers the burst, widened by at most"
      + " a frame and the margin (40 ms)")
  void burst() {
    Random r = new Random(1);
    float[] x = new float[8000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.001 * r.nextGaussian());
      if (i >= 3000 && i < 5000) {
        x[i] += (float) (0.3 * Math.sin(i * 0.3));
      }
    }
    VoiceActivity.Segment s = VoiceActivity.detect(AudioClip.of(x, 8000));
    assertTrue(s.start() <= 3000 && s.start() >= 3000 - 320, "start " + s.start());
    assertTrue(s.end() >= 5000 && s.end() <= 5000 + 320, "end " + s.end());
    assertTrue(s.hasSpeech());
    assertEquals(0.25, s.speechRatio(), 0.03);
  }

  @Test
  @DisplayName("empty, 50 ms, silent and muted clips do not pass the gate")
  void gate() {
    assertFalse(VoiceActivity.detect(AudioClip.of(new float[0], 8000)).hasSpeech());
    float[] shortTone = new float[400];
    for (int i = 0; i < shortTone.length; i++) {
      shortTone[i] = (float) (0.5 * Math.sin(i * 0.3));
    }
    assertFalse(VoiceActivity.detect(AudioClip.of(shortTone, 8000)).hasSpeech());
    assertFalse(VoiceActivity.detect(AudioClip.of(new float[80000], 8000)).hasSpeech());
    float[] hum = new float[8000];
    for (int i = 0; i < hum.length; i++) {
      hum[i] = (float) (1e-4 * Math.sin(i * 0.05));
    }
    assertFalse(VoiceActivity.detect(AudioClip.of(hum, 8000)).hasSpeech(), "-83 dBFS");
  }

  /**
   * A vowel-like sound: a pulse train at {@code f0} through two formant resonators, under a
   * Hann envelope of 0.3 s in the middle of 1 s of faint white noise.
   */
  static float[] vowel(double f0, double f1, double f2, Random r) {
    float[] x = new float[8000];
    double[] y = new double[x.length];
    double phase = 0;
    for (int i = 0; i < x.length; i++) {
      phase += f0 / 8000;
      y[i] = phase >= 1 ? 1 : 0;
      phase -= Math.floor(phase);
    }
    for (double f : new double[] {f1, f2}) {
      double rad = 0.97;
      double a1 = -2 * rad * Math.cos(2 * Math.PI * f / 8000);
      double a2 = rad * rad;
      double y1 = 0;
      double y2 = 0;
      for (int i = 0; i < y.length; i++) {
        double v = y[i] - a1 * y1 - a2 * y2;
        y2 = y1;
        y1 = v;
        y[i] = v;
      }
    }
    double max = 0;
    for (double v : y) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < x.length; i++) {
      double env = i >= 2800 && i < 5200 ? 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - 2800) / 2400)
          : 0;
      x[i] = (float) (0.3 * env * y[i] / max + 0.0005 * r.nextGaussian());
    }
    return x;
  }

  @Test
  @DisplayName("vowel-like sounds at a man's, a woman's and a child's pitch pass the gate")
  void vowels() {
    Random r = new Random(3);
    for (double f0 : new double[] {90, 120, 210, 300}) {
      VoiceActivity.Segment s = VoiceActivity.detect(AudioClip.of(vowel(f0, 700, 1200, r), 8000));
      assertTrue(s.hasSpeech(), f0 + " Hz: " + s);
    }
  }
}
