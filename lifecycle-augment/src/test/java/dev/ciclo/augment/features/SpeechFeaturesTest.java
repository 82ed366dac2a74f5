package dev.ciclo.augment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpeechFeaturesTest {
  @Test
  @DisplayName("frame counts: one frame up to frameLength, then one more per started hop")
  void frameCounts() {
    SpeechFeatures f = SpeechFeatures.defaults();
    assertEquals(1, f.frameCount(0));
    assertEquals(1, f.frameCount(200));
    assertEquals(2, f.frameCount(201));
    assertEquals(99, f.frameCount(8000));
    assertEquals(1, f.mfcc(AudioClip.of(new float[0], 8000)).frames());
  }

  @Test
  @DisplayName("a 1 kHz tone puts its energy in the mel band around 1 kHz")
  void tonePeaksInItsBand() {
    float[] s = new float[8000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
    }
    SpeechFeatures f =
        new SpeechFeatures(SpectralConfig.builder().preEmphasis(0).build());
    Spectrogram lm = f.logMel(AudioClip.of(s, 8000));
    int best = 0;
    for (int b = 1; b < lm.bins(); b++) {
      if (lm.get(50, b) > lm.get(50, best)) {
        best = b;
      }
    }
    double lo = SpeechFeatures.melToHz(SpeechFeatures.hzToMel(4000) * best / 41.0);
    double hi = SpeechFeatures.melToHz(SpeechFeatures.hzToMel(4000) * (best + 2) / 41.0);
    assertTrue(lo < 1000 && 1000 < hi, "band " + best + " spans " + lo + ".." + hi);
  }

  @Test
  @DisplayName("bad parameters name the parameter, the value and the range")
  void badParameters() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SpectralConfig.builder().fftSize(300));
    assertEquals("fftSize must be a power of two but was 300", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectralConfig.builder().frameLength(400).build());
    assertEquals("frameLength must be between 16 and 256 but was 400", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectralConfig.builder().coefficients(50).build());
    assertEquals("coefficients must be between 1 and 40 but was 50", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectralConfig.builder().fmin(3000).fmax(2000).build());
    assertTrue(e.getMessage().startsWith("fmin must be below fmax"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpeechFeatures.defaults().mfcc(AudioClip.of(new float[10], 16000)));
    assertTrue(e.getMessage().contains("sampleRate must be 8000 Hz"), e.getMessage());
  }

  @Test
  @DisplayName("a silent clip gives finite features: the log floor, no NaN")
  void silence() {
    var v = MfccSummary.builder().build().extract(AudioClip.of(new float[4000], 8000));
    for (double x : v.toArray()) {
      assertTrue(Double.isFinite(x));
    }
    assertEquals(Math.log(SpeechFeatures.LOG_FLOOR) * Math.sqrt(40), v.get("mfcc_mean_0"), 1e-9);
  }
}
