package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.log.Signal;
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
