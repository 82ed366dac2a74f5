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
}
