package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.audio.Wav;
import java.util.Arrays;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  @DisplayName("vowel-like sounds at a man's, a woman's and a child's pitch pass the gate and"
      + " are voiced")
  void vowels() {
    Random r = new Random(3);
    for (double f0 : new double[] {90, 120, 210, 300, 380}) {
      AudioClip c = AudioClip.of(vowel(f0, 700, 1200, r), 8000);
      assertTrue(VoiceActivity.detect(c).hasSpeech(), f0 + " Hz");
      assertTrue(VoiceActivity.voiced(c), f0 + " Hz: " + VoiceActivity.voicing(c));
    }
  }

  @Test
  @DisplayName("beeps above the voice's pitch range (0.2 s of 440 Hz to 3.5 kHz, a phone's or an"
      + " app's, an alarm's) are not voiced, in silence and in white noise down to 20 dB SNR,"
      + " and do not pass the gate")
  void beepsAreNotVoiced() {
    Random r = new Random(11);
    List<String> voiced = new ArrayList<>();
    for (double snrDb : new double[] {Double.POSITIVE_INFINITY, 40, 30, 20}) {
      for (int k = 0; k < 20; k++) {
        double hz = 440 * Math.pow(3500 / 440.0, k / 19.0);
        float[] x = new float[8000];
        double noise = 0.1 / Math.pow(10, snrDb / 20);
        double phase = 2 * Math.PI * r.nextDouble();
        for (int i = 0; i < x.length; i++) {
          double beep = i >= 3200 && i < 4800
              ? 0.1 * Math.sqrt(2) * Math.sin(2 * Math.PI * hz * i / 8000 + phase) : 0;
          x[i] = (float) (beep + noise * r.nextGaussian());
        }
        AudioClip c = AudioClip.of(x, 8000);
        if (VoiceActivity.voiced(c) || VoiceActivity.detect(c).hasSpeech()) {
          voiced.add(String.format(java.util.Locale.ROOT, "%.0f Hz at %.0f dB: %.3f", hz, snrDb,
              VoiceActivity.voicing(c)));
        }
      }
    }
    assertTrue(voiced.isEmpty(), "voiced: " + voiced);
  }

  /** One second of a kind of noise at a level in dBFS. */
  static float[] noise(String kind, double levelDb, Random r) {
    int n = 8000;
    double[] y = new double[n];
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double prev = 0;
    double pole = 0.5 + 0.45 * r.nextDouble();
    double hz = r.nextBoolean() ? 50 : 60;
    double[] harmonics = new double[12];
    for (int h = 1; h < harmonics.length; h++) {
      harmonics[h] = (0.2 + 0.8 * r.nextDouble()) / h;
    }
    for (int i = 0; i < n; i++) {
      double w = r.nextGaussian();
      switch (kind) {
        case "white" -> y[i] = w;
        case "pink" -> {
          // Paul Kellet's economy pink filter
          b0 = 0.99765 * b0 + w * 0.0990460;
          b1 = 0.96300 * b1 + w * 0.2965164;
          b2 = 0.57000 * b2 + w * 1.0526913;
          y[i] = b0 + b1 + b2 + w * 0.1848;
        }
        case "brown" -> {
          prev = 0.999 * prev + w;
          y[i] = prev;
        }
        case "low-passed" -> {
          prev = pole * prev + w;
          y[i] = prev;
        }
        case "hum" -> {
          double v = 0.02 * w;
          for (int h = 1; h < harmonics.length; h++) {
            v += harmonics[h] * Math.sin(2 * Math.PI * hz * h * i / 8000 + h);
          }
          y[i] = v;
        }
        case "tone" -> y[i] = Math.sin(2 * Math.PI * 300 * i / 8000) + 0.01 * w;
        case "bursts" -> {
          // a door, a step, a passing tyre: white noise swelling and fading four times a second
          y[i] = w * (0.05 + Math.pow(Math.sin(Math.PI * i / 2000), 4));
        }
        default -> throw new IllegalArgumentException(kind);
      }
    }
    double sum = 0;
    for (double v : y) {
      sum += v * v;
    }
    double gain = Math.pow(10, levelDb / 20) / Math.sqrt(sum / n);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.max(-1, Math.min(1, y[i] * gain));
    }
    return x;
  }

  @Test
  @DisplayName("white, pink, brown and low-passed noise, mains hum, a steady tone and noise"
      + " bursts at -60 to -10 dBFS, 1 s: at least 99 in 100 are not voiced, so do not pass"
      + " the gate")
  void syntheticNoise() {
    Random r = new Random(5);
    List<String> results = new ArrayList<>();
    boolean allRight = true;
    for (String kind : List.of("white", "pink", "brown", "low-passed", "hum", "tone", "bursts")) {
      int gated = 0;
      for (int k = 0; k < 100; k++) {
        float[] x = noise(kind, -60 + 50 * r.nextDouble(), r);
        AudioClip c = AudioClip.of(x, 8000);
        gated += VoiceActivity.voiced(c) || VoiceActivity.detect(c).hasSpeech() ? 0 : 1;
      }
      results.add(kind + " " + gated + "/100");
      allRight &= gated >= 99;
    }
    System.out.println("not voiced: " + results);
    assertTrue(allRight, "not voiced: " + results);
  }

  @Test
  @DisplayName("every FSDD digit, clean (at least 99.5%) and every fifth mixed with the training"
      + " noise at 5 dB (at least 99%), is voiced")
  void digitsAreVoiced() {
    Path data = SharedData.dir();
    Dataset<AudioClip, String> all =
        SpeechRecipe.readFsdd(data.resolve("fsdd").resolve("recordings"));
    long clean = all.stream().filter(e -> VoiceActivity.voiced(e.input())).count();
    Dataset<AudioClip, String> fifth = all.filter("every fifth",
        e -> e.id().hashCode() % 5 == 0);
    Dataset<AudioClip, String> noisy = SpeechRecipe.mixedAt(fifth,
        SpeechRecipe.trainingNoise(data.resolve("noise")), 5, 7);
    long passed = noisy.stream().map(Example::input)
        .filter(VoiceActivity::voiced).count();
    System.out.println("digits voiced: clean " + clean + "/" + all.size()
        + ", 5 dB " + passed + "/" + noisy.size());
    assertTrue(clean >= 0.995 * all.size(), "clean " + clean + "/" + all.size());
    assertTrue(passed >= 0.99 * noisy.size(), "5 dB " + passed + "/" + noisy.size());
  }

  @Test
  @DisplayName("the voicing of five digits and three noise pieces matches a NumPy/SciPy"
      + " implementation written from the class comment (scipy.signal.butter, np.hanning,"
      + " np.fft) within 1e-9")
  void golden() {
    Path data = SharedData.dir();
    // from src/test/python/voicing_reference.py (NumPy 2.4.6, SciPy 1.17.1), float64 throughout
    Map<String, Double> digits = Map.of("0_george_0.wav", 0.8736307166890827,
        "7_jackson_32.wav", 0.7069260977783284, "3_nicolas_12.wav", 0.8504347208280638,
        "9_theo_40.wav", 0.9490775452755885, "5_yweweler_7.wav", 0.8490025580430812);
    digits.forEach((file, want) -> assertEquals(want, VoiceActivity.voicing(
        Wav.read(data.resolve("fsdd/recordings").resolve(file))), 1e-9, file));
    Map<String, double[]> pieces = Map.of("market-church-bells.wav",
        new double[] {40000, 0.7733633646833029}, "windy-street-distant-cars.wav",
        new double[] {80000, 0.3581908971917162}, "ice-rink-children.wav",
        new double[] {120000, 0.6245021721696385});
    pieces.forEach((file, want) -> {
      float[] x = Wav.read(data.resolve("noise").resolve(file)).samples();
      int from = (int) want[0];
      assertEquals(want[1], VoiceActivity.voicing(AudioClip.of(
          Arrays.copyOfRange(x, from, from + 8000), 8000)), 1e-9, file);
    });
  }
}
