package dev.ciclo.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatasetAugmentationTest {
  static Dataset<AudioClip, String> speech(int n) {
    List<Example<AudioClip, String>> ex = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ex.add(new Example<>("clip-" + i, Clips.speechLike(800 + 10 * i, i), "d" + i % 10,
          "speaker-" + i % 3, Set.of(), Map.of()));
    }
    return Dataset.of("speech", ex);
  }

  static DatasetAugmentation<AudioClip> aug() {
    NoiseBank bank = NoiseBank.of("hum", Clips.speechLike(3000, 77), 8000);
    return DatasetAugmentation.builder(BackgroundNoise.builder(bank).snrDb(0, 10).build(), 42L)
        .copies(2).build();
  }

  @Test
  @DisplayName("copies keep id, group and target, gain a tag and their record, and roll up")
  void keepsIdentityAndRollsUp() {
    Dataset<AudioClip, String> data = speech(12);
    Dataset<AudioClip, String> out = aug().apply(data);
    assertEquals(36, out.size());
    for (int i = 0; i < 24; i++) {
      Example<AudioClip, String> c = out.get(12 + i);
      Example<AudioClip, String> src = data.get(i / 2);
      assertEquals(src.id(), c.id());
      assertEquals(src.group(), c.group());
      assertEquals(src.target(), c.target());
      assertTrue(c.hasTag(DatasetAugmentation.TAG));
      assertTrue(c.metadata().get("augmentation").contains("\"noiseFile\":\"hum\""));
      assertEquals("seed=42,epoch=" + i % 2, c.metadata().get("augmentationKey"));
    }
    assertEquals(data.groups(), out.groups());
    String step = out.provenance().steps().get(out.provenance().steps().size() - 1);
    assertTrue(step.startsWith("augment: 24 copies (2 per example, epoch 0, seed 42)"), step);
    assertTrue(step.contains("background-noise x24"), step);
    assertTrue(step.contains("noiseFile {hum}"), step);
    assertTrue(step.contains("max |measured - requested SNR|"), step);
  }

  @Test
  @DisplayName("the same seed gives identical copies on 1 thread and on 4, in any order")
  void sameOnOneAndFourThreads() throws Exception {
    Dataset<AudioClip, String> data = speech(40);
    DatasetAugmentation<AudioClip> a = aug();
    List<AugmentedExample<AudioClip, String>> one = a.copies(data).toList();
    ForkJoinPool four = new ForkJoinPool(4);
    try {
      List<AugmentedExample<AudioClip, String>> par =
          four.submit(() -> a.copies(data).parallel().toList()).get();
      assertEquals(one, par);
    } finally {
      four.shutdown();
    }
    assertEquals(one, aug().copies(data).toList());
    assertEquals(aug().apply(data).fingerprint(), aug().apply(data).fingerprint());
  }
}
