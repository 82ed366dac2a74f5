package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.augment.audio.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "No speech" on a model that never heard the speaker or the test noise: silence, empty and very
 * short clips, white noise and every shared noise recording cut into clip-sized pieces are
 * answered {@link SpeechRecipe#NO_SPEECH}, while the held-out speaker's digits pass.
 */
@DisplayName("knowing when nobody spoke")
class NoSpeechTest {
  private static Predictor<AudioClip, String> model() {
    HeldOutFold f = HeldOutFold.get();
    return f.recipe.onAudio(f.model);
  }

  @Test
  @DisplayName("10 s of silence, an empty clip, 400 zero samples, 50 ms of tone: \"no speech\"")
  void silenceAndShortClips() {
    Predictor<AudioClip, String> m = model();
    float[] tone = new float[400];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(i * 0.3));
    }
    for (AudioClip c : List.of(AudioClip.of(new float[80000], 8000),
        AudioClip.of(new float[0], 8000), AudioClip.of(new float[400], 8000),
        AudioClip.of(tone, 8000))) {
      Prediction<String> p = m.predict(c);
      assertEquals(SpeechRecipe.NO_SPEECH, p.value(), "clip of " + c.length() + " samples");
      assertEquals(1.0, p.confidence().orElseThrow());
    }
  }

  @Test
  @DisplayName("white noise at -50 to -10 dBFS, 1 s: \"no speech\" at least 99 times in 100")
  void whiteNoise() {
    Predictor<AudioClip, String> m = model();
    Random r = new Random(11);
    int no = 0;
    for (int k = 0; k < 100; k++) {
      double level = Math.pow(10, (-50 + 40 * r.nextDouble()) / 20);
      float[] x = new float[8000];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (level * r.nextGaussian());
      }
      no += m.predict(AudioClip.of(x, 8000)).value().equals(SpeechRecipe.NO_SPEECH) ? 1 : 0;
    }
    assertTrue(no >= 99, "white noise answered no speech " + no + "/100");
  }

  @Test
  @DisplayName("each shared noise recording, cut into 1 s pieces every 0.25 s from the part"
      + " never used in training (all of street-cars.wav, never in training nor in tuning the"
      + " gate): \"no speech\" at least 99% of the time")
  void noiseRecordings() throws Exception {
    HeldOutFold f = HeldOutFold.get();
    Predictor<AudioClip, String> m = model();
    List<Path> files;
    try (Stream<Path> s = Files.list(f.data.resolve("noise"))) {
      files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
    }
    assertEquals(5, files.size(), files.toString());
    List<String> results = new ArrayList<>();
    boolean allRight = true;
    for (Path file : files) {
      AudioClip noise = dev.ciclo.augment.audio.Resampler.resample(Wav.read(file), 8000);
      boolean test = file.getFileName().toString().equals("street-cars.wav");
      int from = test ? 0 : (int) (noise.length() * NoSpeech.TRAIN_SHARE);
      List<AudioClip> pieces = new ArrayList<>();
      for (int o = from; o + 8000 <= noise.length(); o += 2000) {
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
          x[i] = noise.sample(o + i);
        }
        pieces.add(AudioClip.of(x, 8000));
      }
      long no = pieces.stream()
          .filter(c -> m.predict(c).value().equals(SpeechRecipe.NO_SPEECH)).count();
      assertTrue(pieces.size() >= 10, file + ": " + pieces.size() + " pieces");
      results.add(file.getFileName() + " " + no + "/" + pieces.size());
      allRight &= no >= 0.99 * pieces.size();
    }
    System.out.println("answered no speech: " + results);
    assertTrue(allRight, "answered no speech: " + results);
  }

  @Test
  @DisplayName("at least 99% of the held-out speaker's digits pass (are not \"no speech\"),"
      + " clean and mixed with street-cars.wav (never in training) at 10 and 20 dB")
  void digitsPass() {
    HeldOutFold f = HeldOutFold.get();
    Predictor<AudioClip, String> m = model();
    List<String> results = new ArrayList<>();
    boolean allRight = true;
    for (double snr : new double[] {Double.NaN, 20, 10, 5}) {
      var clips = Double.isNaN(snr) ? f.heldOut
          : SpeechRecipe.mixedAt(f.heldOut, f.cars, snr, HeldOutFold.SEED + 2);
      long no = clips.stream().map(Example::input)
          .filter(c -> m.predict(c).value().equals(SpeechRecipe.NO_SPEECH)).count();
      results.add((Double.isNaN(snr) ? "clean" : (int) snr + " dB") + " " + (clips.size() - no)
          + "/" + clips.size());
      // 5 dB is measured and reported, not held to the goal: a digit drowned in traffic may
      // rightly be "no speech"
      allRight &= snr == 5 || no <= 0.01 * clips.size();
    }
    System.out.println("digits passed: " + results);
    assertTrue(allRight, "digits passed: " + results);
  }
}
