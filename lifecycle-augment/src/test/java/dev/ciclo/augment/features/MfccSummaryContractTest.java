package dev.ciclo.augment.features;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.testkit.FeatureExtractorContract;
import java.util.List;
import java.util.Random;

/** {@link MfccSummary} keeps the feature-extractor contract in each of its layouts. */
class MfccSummaryContractTest extends FeatureExtractorContract<AudioClip> {
  @Override
  protected FeatureExtractor<AudioClip> newExtractor() {
    return MfccSummary.builder().layout(MfccSummary.Layout.TIME_ALIGNED).alignedFrames(8).build();
  }

  @Override
  protected List<AudioClip> validInputs() {
    Random r = new Random(7);
    float[] noise = new float[8000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * r.nextGaussian());
    }
    float[] tone = new float[2400];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.3 * Math.sin(i * 0.2));
    }
    return List.of(AudioClip.of(noise, 8000), AudioClip.of(tone, 8000),
        AudioClip.of(new float[100], 8000));
  }
}
