package dev.ciclo.speech;

import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.noise.NoiseBank;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Clips in which nobody speaks, for the model's {@link SpeechRecipe#NO_SPEECH} class: three in
 * four are pieces of the training noise (0.3 to 1.5 s, from the first {@value #TRAIN_SHARE} of
 * each recording so that the rest can test, at -30 to +10 dB of gain), one in four is white or
 * low-passed noise at -70 to -10 dBFS. Keyed by (seed, index), so the set is reproducible.
 */
final class NoSpeech {
  /** The share of each noise recording that training pieces come from (the start). */
  static final double TRAIN_SHARE = 0.75;

  private NoSpeech() {}

  static List<Example<AudioClip, String>> examples(NoiseBank bank, int n, int rate, long seed) {
    List<Example<AudioClip, String>> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String id = "no-speech-" + k;
      RandomGenerator r = new RandomKey(seed, id, 0).generator();
      int length = (int) (rate * (0.3 + 1.2 * r.nextDouble()));
      float[] x;
      if (k % 4 != 3 && bank.size() > 0) {
        AudioClip noise = bank.clip(r.nextInt(bank.size()));
        int usable = (int) (noise.length() * TRAIN_SHARE) - length;
        int from = usable > 0 ? r.nextInt(usable) : 0;
        x = new float[length];
        float gain = (float) Math.pow(10, (-30 + 40 * r.nextDouble()) / 20);
        for (int i = 0; i < length && from + i < noise.length(); i++) {
          x[i] = Math.max(-1f, Math.min(1f, noise.sample(from + i) * gain));
        }
      } else {
        x = coloured(r, length);
      }
      out.add(Example.of(id, AudioClip.of(x, rate), SpeechRecipe.NO_SPEECH)
          .withGroup("no-speech").withTags("no-speech"));
    }
    return out;
  }

  /** White noise, or low-passed by a one-pole filter, at -70 to -10 dBFS RMS. */
  static float[] coloured(RandomGenerator r, int length) {
    double pole = r.nextBoolean() ? 0 : 0.5 + 0.45 * r.nextDouble();
    double[] y = new double[length];
    double prev = 0;
    double sum = 0;
    for (int i = 0; i < length; i++) {
      prev = pole * prev + r.nextGaussian();
      y[i] = prev;
      sum += prev * prev;
    }
    double rms = Math.sqrt(sum / Math.max(1, length));
    double target = Math.pow(10, (-70 + 60 * r.nextDouble()) / 20);
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      x[i] = (float) Math.max(-1, Math.min(1, y[i] * target / Math.max(rms, 1e-12)));
    }
    return x;
  }
}
