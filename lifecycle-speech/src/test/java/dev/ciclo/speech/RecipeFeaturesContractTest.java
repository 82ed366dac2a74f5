package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.testkit.FeatureExtractorContract;
import java.util.List;
import java.util.Random;

/** The recipe's extractor keeps the contract, for speech-like, empty and noise-only clips. */
class RecipeFeaturesContractTest extends FeatureExtractorContract<AudioClip> {
  @Override
  protected FeatureExtractor<AudioClip> newExtractor() {
    return SpeechRecipe.defaults().features();
  }

  @Override
  protected List<AudioClip> validInputs() {
    Random r = new Random(3);
    float[] noise = new float[8000];
    float[] word = new float[6000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.05 * r.nextGaussian());
    }
    for (int i = 0; i < word.length; i++) {
      double env = i > 1500 && i < 4500 ? 0.4 : 0.002;
      word[i] = (float) (env * Math.sin(i * 0.25 + 3 * Math.sin(i * 0.01)));
    }
    return List.of(AudioClip.of(word, 8000), AudioClip.of(noise, 8000),
        AudioClip.of(new float[0], 8000), AudioClip.of(new float[400], 8000));
  }
}
