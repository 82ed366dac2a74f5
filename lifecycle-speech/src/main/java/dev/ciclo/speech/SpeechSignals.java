package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The few numbers of a clip that monitoring watches, cheap to compute on every request: the
 * overall level in dBFS, the noise floor (the level of the quietest 10% of 20 ms frames, in
 * dBFS: background noise raises it), the duration, and the speech ratio (the share of the clip
 * that {@link VoiceActivity} finds active; 0 for clips answered {@link SpeechRecipe#NO_SPEECH}
 * by the gate). Stateless and thread-safe.
 */
public final class SpeechSignals {
  /** Field: the noise floor in dBFS. */
  public static final String NOISE_FLOOR_DB = "noise_floor_db";
  /** Field: the clip's RMS level in dBFS. */
  public static final String LEVEL_DB = "level_db";
  /** Field: the duration in milliseconds. */
  public static final String DURATION_MS = "duration_ms";
  /** Field: the share of active voice-activity frames, 0 to 1. */
  public static final String SPEECH_RATIO = "speech_ratio";
  /** The fields, in order. */
  public static final List<String> FIELDS =
      List.of(NOISE_FLOOR_DB, LEVEL_DB, DURATION_MS, SPEECH_RATIO);

  private SpeechSignals() {}

  /**
   * The monitored values of a clip, in the order of {@link #FIELDS}.
   *
   * @param clip the clip
   * @return the values
   */
  public static double[] values(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    VoiceActivity.Segment seg = VoiceActivity.detect(clip);
    return new double[] {noiseFloorDb(clip), VoiceActivity.db(clip.rms()),
        clip.duration().toMillis(), seg.hasSpeech() ? seg.speechRatio() : 0};
  }

  /**
   * The monitored fields of a clip as the prediction log keeps them: typed numbers, by name.
   *
   * @param clip the clip
   * @return the fields of {@link #FIELDS}, in order
   */
  public static Map<String, Signal> signals(AudioClip clip) {
    double[] v = values(clip);
    Map<String, Signal> m = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(FIELDS.get(i), Signal.of(v[i]));
    }
    return m;
  }

  /**
   * What a server hands its model for a clip: the clip's features followed by its monitored
   * fields ({@link #FIELDS}), so that the log keeps the signals with the features and a model
   * that reads its features by name ignores them.
   *
   * @param features the clip's features (for example the recipe's)
   * @param clip the clip
   * @return the features, then the fields of {@link #FIELDS}
   * @throws IllegalArgumentException if the features already name one of the fields
   */
  public static FeatureVector append(FeatureVector features, AudioClip clip) {
    Objects.requireNonNull(features, "features");
    double[] s = values(clip);
    List<String> names = new ArrayList<>(features.names());
    names.addAll(FIELDS);
    double[] v = Arrays.copyOf(features.toArray(), names.size());
    System.arraycopy(s, 0, v, features.size(), s.length);
    return FeatureVector.of(names, v);
  }

  /**
   * The monitored fields a served vector carries (one made by {@link #append}; a vector without
   * them, such as a tensor row, carries none), as a served model's signal function returns them.
   *
   * @param v the vector
   * @return the fields of {@link #FIELDS} that {@code v} names, in order
   */
  public static Map<String, Signal> carried(FeatureVector v) {
    Objects.requireNonNull(v, "vector");
    Map<String, Signal> m = new LinkedHashMap<>();
    List<String> names = v.names();
    for (String field : FIELDS) {
      if (names.contains(field)) {
        m.put(field, Signal.of(v.get(field)));
      }
    }
    return m;
  }

  /**
   * The level of the quietest tenth of the clip's 20 ms frames.
   *
   * @param clip the clip
   * @return dBFS, at least -120
   */
  public static double noiseFloorDb(AudioClip clip) {
    int frame = Math.max(1, clip.sampleRate() / 50);
    int n = clip.length() / frame;
    if (n == 0) {
      return VoiceActivity.db(clip.rms());
    }
    double[] rms = new double[n];
    for (int f = 0; f < n; f++) {
      double sum = 0;
      for (int i = f * frame; i < (f + 1) * frame; i++) {
        double s = clip.sample(i);
        sum += s * s;
      }
      rms[f] = Math.sqrt(sum / frame);
    }
    Arrays.sort(rms);
    return VoiceActivity.db(rms[Math.min(n - 1, n / 10)]);
  }
}
