package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Signal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the monitored signals of a clip")
class SpeechSignalsTest {
  private static AudioClip word(double noise) {
    Random r = new Random(5);
    float[] x = new float[8000];
    for (int i = 0; i < x.length; i++) {
      double env = i > 2000 && i < 6000 ? 0.3 : 0;
      x[i] = (float) (env * Math.sin(i * 0.25) + noise * r.nextGaussian());
    }
    return AudioClip.of(x, 8000);
  }

  @Test
  @DisplayName("level, noise floor, duration and speech ratio, typed, in order")
  void fields() {
    Map<String, Signal> s = SpeechSignals.signals(word(0.001));
    assertEquals(SpeechSignals.FIELDS, List.copyOf(s.keySet()));
    s.values().forEach(v -> assertTrue(v instanceof Signal.Numeric, v.toString()));
    double[] v = SpeechSignals.values(word(0.001));
    assertEquals(1000, v[2]);
    assertEquals(0.5, v[3], 0.05, "speech ratio of a word filling half the clip");
    assertEquals(-60, v[0], 2, "noise floor of noise at 0.001 RMS");
  }

  @Test
  @DisplayName("background noise raises the noise floor; silence has speech ratio 0")
  void noiseAndSilence() {
    assertTrue(SpeechSignals.values(word(0.03))[0] > SpeechSignals.values(word(0.001))[0] + 20);
    double[] silent = SpeechSignals.values(AudioClip.of(new float[8000], 8000));
    assertEquals(0, silent[3]);
    assertEquals(-120, silent[1]);
    assertEquals(0, SpeechSignals.values(AudioClip.of(new float[0], 8000))[2]);
    assertThrows(NullPointerException.class, () -> SpeechSignals.signals(null));
  }

  @Test
  @DisplayName("append puts the clip's fields behind its features; carried reads back those a"
      + " vector has")
  void appendAndCarried() {
    AudioClip clip = word(0.001);
    FeatureVector f = FeatureVector.of(List.of("a", "b"), new double[] {1.5, -2});
    FeatureVector v = SpeechSignals.append(f, clip);
    List<String> names = new java.util.ArrayList<>(List.of("a", "b"));
    names.addAll(SpeechSignals.FIELDS);
    assertEquals(names, v.names());
    assertEquals(1.5, v.get("a"));
    assertEquals(-2, v.get("b"));
    assertEquals(SpeechSignals.signals(clip), SpeechSignals.carried(v));
    assertEquals(Map.of(), SpeechSignals.carried(f));
    assertThrows(IllegalArgumentException.class, () -> SpeechSignals.append(v, clip));
  }
}
