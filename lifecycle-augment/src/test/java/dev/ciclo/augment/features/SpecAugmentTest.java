package dev.ciclo.augment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.augment.Clips;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpecAugmentTest extends AugmenterContract<Spectrogram> {
  @Override
  protected Augmenter<Spectrogram> newAugmenter() {
    return SpecAugment.builder().build();
  }

  @Override
  protected List<Spectrogram> inputs() {
    SpeechFeatures f = SpeechFeatures.defaults();
    return Clips.some().stream().map(f::logMel).toList();
  }

  @Test
  @DisplayName("exactly the recorded bands and frames are set to the mask value")
  void masksWhatItRecords() {
    Spectrogram s = SpeechFeatures.defaults().logMel(Clips.speechLike(8000, 3));
    Augmented<Spectrogram> a = SpecAugment.builder().frequencyMasks(1, 8).timeMasks(1, 20, 0.2)
        .build().apply(s, new RandomKey(1, "m", 0).generator());
    AppliedTransform t = a.record().transforms().get(0);
    int fs = (int) t.number("freq0Start");
    int fw = (int) t.number("freq0Width");
    int ts = (int) t.number("time0Start");
    int tw = (int) t.number("time0Width");
    assertTrue(fw <= 8 && tw <= 19);
    double mask = t.number("maskValue");
    for (int f = 0; f < s.frames(); f++) {
      for (int b = 0; b < s.bins(); b++) {
        boolean masked = (b >= fs && b < fs + fw) || (f >= ts && f < ts + tw);
        assertEquals(masked ? mask : s.get(f, b), a.output().get(f, b), 0.0);
      }
    }
  }
}
