package dev.ciclo.examples.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.augment.features.Spectrogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipe's features: one MFCC computation summarised by several {@link MfccSummary} layouts,
 * concatenated. Immutable and thread-safe.
 */
final class RecipeFeatures implements FeatureExtractor<AudioClip> {
  private final List<MfccSummary> summaries;
  private final List<String> names;

  RecipeFeatures(List<MfccSummary> summaries) {
    this.summaries = List.copyOf(summaries);
    List<String> n = new ArrayList<>();
    summaries.forEach(s -> n.addAll(s.featureNames().orElseThrow()));
    this.names = List.copyOf(n);
  }

  @Override
  public FeatureVector extract(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    Spectrogram mfcc = summaries.get(0).features().mfcc(clip);
    double[] values = new double[names.size()];
    int i = 0;
    for (MfccSummary s : summaries) {
      double[] part = s.summarise(mfcc);
      System.arraycopy(part, 0, values, i, part.length);
      i += part.length;
    }
    return FeatureVector.of(names, values);
  }

  @Override
  public Optional<List<String>> featureNames() {
    return Optional.of(names);
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder("recipe(");
    for (int i = 0; i < summaries.size(); i++) {
      sb.append(i == 0 ? "" : " + ").append(summaries.get(i).describe());
    }
    return sb.append(')').toString();
  }
}
