package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.augment.features.Spectrogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipe's features: the clip trimmed to its {@link VoiceActivity} segment, one MFCC
 * computation summarised by several {@link MfccSummary} layouts, then the voice-activity fields
 * ({@link SpeechRecipe#VAD_FIELDS}). Clips shorter than one analysis frame are zero-padded so
 * that every clip, even an empty one, gets a vector. Immutable and thread-safe.
 */
final class RecipeFeatures implements FeatureExtractor<AudioClip> {
  private final List<MfccSummary> summaries;
  private final List<String> names;
  private final int sampleRate;
  private final boolean trim;

  RecipeFeatures(List<MfccSummary> summaries, int sampleRate, boolean trim) {
    this.summaries = List.copyOf(summaries);
    this.sampleRate = sampleRate;
    this.trim = trim;
    List<String> n = new ArrayList<>();
    summaries.forEach(s -> n.addAll(s.featureNames().orElseThrow()));
    n.addAll(SpeechRecipe.VAD_FIELDS);
    this.names = List.copyOf(n);
  }

  @Override
  public FeatureVector extract(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    if (clip.sampleRate() != sampleRate) {
      throw new IllegalArgumentException("clip sample rate must be " + sampleRate + " Hz but was "
          + clip.sampleRate() + " Hz; resample it first (SpeechRequests does for served WAVs)");
    }
    VoiceActivity.Segment seg = VoiceActivity.detect(clip);
    AudioClip part = clip;
    if (trim && seg.end() - seg.start() < clip.length()
        && seg.speechMs() >= VoiceActivity.MIN_SPEECH_MS) {
      part = AudioClip.of(Arrays.copyOfRange(clip.samples(), seg.start(), seg.end()), sampleRate);
    }
    int minLength = summaries.get(0).features().config().frameLength();
    if (part.length() < minLength) {
      part = AudioClip.of(Arrays.copyOf(part.samples(), minLength), sampleRate);
    }
    Spectrogram mfcc = summaries.get(0).features().mfcc(part);
    double[] values = new double[names.size()];
    int i = 0;
    for (MfccSummary s : summaries) {
      double[] p = s.summarise(mfcc);
      System.arraycopy(p, 0, values, i, p.length);
      i += p.length;
    }
    values[i++] = Math.log1p(seg.speechMs() / 100.0);
    values[i++] = seg.speechRatio();
    values[i++] = (seg.peakDb() - seg.floorDb()) / 10.0;
    values[i] = seg.hasSpeech() ? 1 : 0;
    return FeatureVector.of(names, values);
  }

  @Override
  public Optional<List<String>> featureNames() {
    return Optional.of(names);
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder("speech-recipe(" + (trim ? "vad-trimmed " : ""));
    for (int i = 0; i < summaries.size(); i++) {
      sb.append(i == 0 ? "" : " + ").append(summaries.get(i).describe());
    }
    return sb.append(" + ").append(SpeechRecipe.VAD_FIELDS).append(", ")
        .append(VoiceActivity.describe()).append(')').toString();
  }
}
