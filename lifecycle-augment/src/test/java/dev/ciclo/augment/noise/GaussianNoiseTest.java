package dev.ciclo.augment.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest extends AugmenterContract<AudioClip> {
  @Override
  protected Augmenter<AudioClip> newAugmenter() {
    return GaussianNoise.atSnr();
  }

  @Override
  protected List<AudioClip> inputs() {
    return Clips.some();
  }

  @Test
  @DisplayName("mixing at an SNR measures that SNR within 0.01 dB")
  void exactSnr() {
    AudioClip clip = Clips.speechLike(4000, 5);
    qt().withExamples(200)
        .forAll(doubles().between(-20, 60), longs().all())
        .checkAssert((db, seed) -> {
          Augmented<AudioClip> a = GaussianNoise.atSnr(db, db)
              .apply(clip, new RandomKey(seed, "c", 0).generator());
          assertEquals(db, BackgroundNoiseTest.snr(clip, a.output()), 0.01);
          assertEquals(db, a.record().transforms().get(0).number("measuredSnrDb"), 0.01);
        });
  }

  @Test
  @DisplayName("absolute noise has the drawn standard deviation, within sampling error")
  void absolute() {
    AudioClip silent = AudioClip.of(new float[20000], 8000);
    Augmented<AudioClip> a =
        GaussianNoise.atAmplitude(0.01, 0.01).apply(silent, new RandomKey(3, "z", 0).generator());
    assertEquals(0.01, a.output().rms(), 0.0003);
    assertEquals("absolute", a.record().transforms().get(0).parameters().get("mode"));
    var e = assertThrows(IllegalArgumentException.class, () -> GaussianNoise.atAmplitude(0, 2));
    assertEquals("std must be between 0 and 1 but was 2", e.getMessage());
  }
}
