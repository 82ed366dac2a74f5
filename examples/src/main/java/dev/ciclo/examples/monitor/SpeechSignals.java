package dev.ciclo.examples.monitor;

import dev.ciclo.api.log.Signal;
import dev.ciclo.api.data.AudioClip;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The few numbers of a clip that monitoring watches, cheap to compute on every request: the
 * noise floor (the level of the quietest 10% of 20 ms frames, in dBFS: background noise raises
 * it), the overall level in dBFS, and the duration. Stateless and thread-safe.
 */
public final class SpeechSignals {
  /** Input field: the noise floor in dBFS. */
  public static final String NOISE_FLOOR_DB = "noise_floor_db";
  /** Input field: the clip's RMS level in dBFS. */
  public static final String LEVEL_DB = "level_db";
  /** Input field: the duration in milliseconds. */
  public static final String DURATION_MS = "duration_ms";

  private SpeechSignals() {}

  /**
   * The monitored signals of a clip, as the prediction log keeps them: typed numbers.
   *
   * @param clip the clip
   * @return the signals {@link #NOISE_FLOOR_DB}, {@link #LEVEL_DB}, {@link #DURATION_MS}
   */
  public static Map<String, Signal> signals(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    Map<String, Signal> m = new LinkedHashMap<>();
    m.put(NOISE_FLOOR_DB, Signal.of(noiseFloorDb(clip)));
    m.put(LEVEL_DB, Signal.of(db(clip.rms())));
    m.put(DURATION_MS, Signal.of(clip.duration().toMillis()));
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
      return db(clip.rms());
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
    return db(rms[Math.min(n - 1, n / 10)]);
  }

  static double db(double rms) {
    return Math.max(-120, 20 * Math.log10(Math.max(rms, 1e-6)));
  }
}
