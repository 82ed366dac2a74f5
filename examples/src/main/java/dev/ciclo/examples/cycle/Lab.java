package dev.ciclo.examples.cycle;

import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.augment.DatasetAugmentation;
import dev.ciclo.augment.compose.Compose;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.core.analysis.ErrorAnalyzer;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import dev.ciclo.examples.data.NoisePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Steps 3 and 4: the dev set with car noise, error analysis, and the vehicle-noise copies. */
final class Lab {
  static final String CAR_NOISE = "car-noise";

  private Lab() {}

  /** The dev clips, a seeded half of them with held-out car noise at 0-10 dB, tagged. */
  static Dataset<AudioClip, String> noisyDev(Dataset<AudioClip, String> dev, NoiseBank carsTest,
      long seed) {
    Augmenter<AudioClip> noise = BackgroundNoise.builder(carsTest).snrDb(0, 10).build();
    List<Example<AudioClip, String>> out = new ArrayList<>();
    int noisy = 0;
    for (Example<AudioClip, String> e : dev) {
      RandomGenerator g = new RandomKey(seed, e.id(), 0).generator();
      if (g.nextBoolean()) {
        out.add(e.withInput(noise.apply(e.input(), g).output()).withTags(CAR_NOISE));
        noisy++;
      } else {
        out.add(e);
      }
    }
    return Dataset.of("dev", out, dev.provenance().withStep(carsTest.names()
        + " mixed into " + noisy + " clips at 0-10 dB, tagged " + CAR_NOISE + ", seed " + seed));
  }

  /** Vehicle noise from the training segments only, at 0-10 dB. */
  static DatasetAugmentation<AudioClip> vehicleNoise(NoisePlan plan, int copies, long seed) {
    List<Augmenter<AudioClip>> kinds = new ArrayList<>();
    for (NoiseBank b : List.of(plan.carsTrain(), plan.busesTrain(), plan.windy())) {
      kinds.add(BackgroundNoise.builder(b).snrDb(0, 10).build());
    }
    return DatasetAugmentation.builder(Compose.oneOf(kinds), seed).copies(copies)
        .keepOriginals(false).build();
  }

  static ErrorAnalysis analyse(Predictor<FeatureVector, String> model,
      Dataset<FeatureVector, String> dev) {
    return ErrorAnalyzer.builder().minSliceSize(20).worstErrors(5).build().analyze(model, dev);
  }

  /** The error on the dev clips with car noise. */
  static double noisyError(Predictor<FeatureVector, String> m, Dataset<FeatureVector, String> d) {
    return ClassificationEvaluator.evaluate(m, d.slice(CAR_NOISE)).error();
  }

  /** The error on the clean dev clips. */
  static double cleanError(Predictor<FeatureVector, String> m, Dataset<FeatureVector, String> d) {
    return ClassificationEvaluator.evaluate(m, d.filter("clean", e -> !e.hasTag(CAR_NOISE)))
        .error();
  }
}
