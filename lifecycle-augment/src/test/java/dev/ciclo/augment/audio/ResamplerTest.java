package dev.ciclo.augment.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static AudioClip tone(double hz, int rate, double seconds) {
    float[] s = new float[(int) (rate * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return AudioClip.of(s, rate);
  }

  /** RMS over the middle half, away from the edges. */
  private static double midRms(AudioClip c) {
    int a = c.length() / 4;
    int b = 3 * c.length() / 4;
    double sum = 0;
    for (int i = a; i < b; i++) {
      sum += c.sample(i) * (double) c.sample(i);
    }
    return Math.sqrt(sum / (b - a));
  }

  @Test
  @DisplayName("a 1 kHz tone survives 44.1 kHz to 8 kHz within 0.05 dB and keeps its phase")
  void inBandTonePreserved() {
    AudioClip out = Resampler.resample(tone(1000, 44100, 1.0), 8000);
    assertEquals(8000, out.sampleRate());
    assertEquals(8000, out.length());
    double db = 20 * Math.log10(midRms(out) / (0.5 / Math.sqrt(2)));
    assertEquals(0, db, 0.05);
    for (int i = 2000; i < 6000; i += 97) {
      assertEquals(0.5 * Math.sin(2 * Math.PI * 1000 * i / 8000.0), out.sample(i), 2e-3);
    }
  }

  @Test
  @DisplayName("a 5 kHz tone above the new Nyquist is attenuated by more than 60 dB, not aliased")
  void aliasRejected() {
    AudioClip out = Resampler.resample(tone(5000, 44100, 1.0), 8000);
    double db = 20 * Math.log10(midRms(out) / (0.5 / Math.sqrt(2)));
    assertTrue(db < -60, "alias at " + db + " dB");
  }

  @Test
  @DisplayName("upsampling 8 kHz to 16 kHz keeps a 440 Hz tone")
  void upsample() {
    AudioClip out = Resampler.resample(tone(440, 8000, 0.5), 16000);
    assertEquals(8000, out.length());
    for (int i = 2000; i < 6000; i += 101) {
      assertEquals(0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0), out.sample(i), 2e-3);
    }
  }

  @Test
  @DisplayName("the same rate returns the clip; a bad rate is refused with its range")
  void edges() {
    AudioClip c = tone(440, 8000, 0.1);
    assertSame(c, Resampler.resample(c, 8000));
    assertEquals(0, Resampler.resample(AudioClip.of(new float[0], 8000), 16000).length());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(c, 0));
    assertTrue(e.getMessage().contains("targetRate must be between 1 and"), e.getMessage());
  }

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.3 * r.nextGaussian());
    }
    return x;
  }

  @Test
  @DisplayName("taps read from the tables give what exact taps give within 2e-6, up and down")
  void interpolatedTapsMatchExact() {
    for (int from : new int[] {50_001, 7_907}) {
      float[] x = noise(from / 2, from);
      float[] exact = Resampler.resample(x, from, 8000, Long.MAX_VALUE);
      float[] read = Resampler.resample(x, from, 8000, 0);
      assertEquals(exact.length, read.length);
      double worst = 0;
      for (int i = 0; i < exact.length; i++) {
        worst = Math.max(worst, Math.abs(exact[i] - read[i]));
      }
      assertTrue(worst < 2e-6, from + " Hz: largest difference " + worst);
    }
  }

  @Test
  @DisplayName("from 1,535,999 Hz (no factor shared with 8 kHz) a 1 kHz tone stays and 5 kHz goes")
  void oddRateFiltersAlike() {
    AudioClip kept = Resampler.resample(tone(1000, 1_535_999, 0.5), 8000);
    assertEquals(0, 20 * Math.log10(midRms(kept) / (0.5 / Math.sqrt(2))), 0.05);
    AudioClip gone = Resampler.resample(tone(5000, 1_535_999, 0.5), 8000);
    double db = 20 * Math.log10(midRms(gone) / (0.5 / Math.sqrt(2)));
    assertTrue(db < -60, "alias at " + db + " dB");
  }

  @Test
  @DisplayName("a rate that shares no factor with the target costs about what a multiple of it"
      + " costs (a WAV header's rate must not make a request cost seconds of CPU)")
  void oddRateCostsLikeAMultiple() {
    float[] x = noise(1_000_000, 7);
    long multiple = Long.MAX_VALUE;
    long odd = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      Resampler.resample(x, 1_536_000, 8000);
      long t1 = System.nanoTime();
      Resampler.resample(x, 1_535_999, 8000);
      long t2 = System.nanoTime();
      multiple = Math.min(multiple, t1 - t0);
      odd = Math.min(odd, t2 - t1);
    }
    // measured: 2.6 times with the grid of phases, 55 times with an exact kernel per output
    assertTrue(odd < 8 * multiple, "odd rate " + odd / 1e6 + " ms, multiple " + multiple / 1e6
        + " ms");
    // a short clip pays for the phases it uses, not for all of them (a 444-byte WAV at 50,001 Hz
    // once cost 0.15 s)
    long t0 = System.nanoTime();
    for (int from = 50_001; from < 50_021; from++) {
      Resampler.resample(noise(200, from), from, 8000);
    }
    long shortClips = System.nanoTime() - t0;
    assertTrue(shortClips < multiple, "20 short clips " + shortClips / 1e6 + " ms, 1 M samples "
        + multiple / 1e6 + " ms");
  }
}
