package dev.ciclo.speech;

import dev.ciclo.api.data.AudioClip;
import java.util.Arrays;
import java.util.Objects;

/**
 * Energy-based voice-activity detection: where in a clip someone may be speaking, and the first,
 * cheap half of the "no speech" decision.
 *
 * <p>The clip is cut into 20 ms frames every 10 ms; each frame's level is its RMS (DC removed)
 * in dBFS. The <em>peak</em> is the loudest frame, the <em>floor</em> the 10th percentile. A
 * frame is active when it is above both {@code peak - }{@value #RANGE_DB}{@code  dB} and {@code
 * floor + }{@value #ABOVE_FLOOR_DB}{@code  dB}; the speech segment runs from the first to the
 * last active frame, widened by {@value #MARGIN_FRAMES} frames each side.
 *
 * <p>{@link Segment#hasSpeech()} is false, so the clip is "no speech" without asking any model,
 * when the clip is shorter than {@value #MIN_CLIP_MS} ms (this includes the empty clip), when its
 * peak is below {@value #SILENCE_DBFS} dBFS (digital silence or a muted microphone; the quietest
 * FSDD digit peaks near -48 dBFS) or when the segment is shorter than {@value #MIN_SPEECH_MS} ms.
 * Energy alone cannot tell a street from a voice (street noise has as much dynamic range as a
 * spoken digit), so the recipe's model also has a "no speech" class for what passes this gate.
 *
 * <p>Stateless and thread-safe; any sample rate.
 */
public final class VoiceActivity {
  /** Frames quieter than the peak by more than this are not active, in dB. */
  public static final double RANGE_DB = 35;
  /** Active frames are at least this far above the floor, in dB. */
  public static final double ABOVE_FLOOR_DB = 3;
  /** Frames added to each side of the active region. */
  public static final int MARGIN_FRAMES = 2;
  /** Clips shorter than this are "no speech", in milliseconds. */
  public static final int MIN_CLIP_MS = 100;
  /** Segments shorter than this are "no speech", in milliseconds. */
  public static final int MIN_SPEECH_MS = 60;
  /** Clips whose loudest frame is below this are "no speech", in dBFS. */
  public static final double SILENCE_DBFS = -60;

  private VoiceActivity() {}

  /**
   * Where a clip's speech may be.
   *
   * @param start the first sample of the segment
   * @param end one past its last sample ({@code start == end} when there is none)
   * @param sampleRate the clip's sample rate
   * @param clipLength the clip's length in samples
   * @param peakDb the loudest frame, dBFS (-120 for an empty clip)
   * @param floorDb the 10th-percentile frame, dBFS
   * @param activeFrames frames above the threshold
   * @param frames all frames
   */
  public record Segment(int start, int end, int sampleRate, int clipLength, double peakDb,
      double floorDb, int activeFrames, int frames) {
    /** Checks the values. */
    public Segment {
      if (start < 0 || end < start || end > clipLength) {
        throw new IllegalArgumentException("segment [" + start + ", " + end
            + ") must lie within a clip of " + clipLength + " samples");
      }
    }

    /**
     * The segment's duration.
     *
     * @return milliseconds
     */
    public double speechMs() {
      return 1000.0 * (end - start) / sampleRate;
    }

    /**
     * The share of frames that are active.
     *
     * @return 0 to 1 (0 for a clip with no frame)
     */
    public double speechRatio() {
      return frames == 0 ? 0 : activeFrames / (double) frames;
    }

    /**
     * Whether the energy gate lets the clip through to the model.
     *
     * @return false for clips that are certainly not speech
     */
    public boolean hasSpeech() {
      return 1000.0 * clipLength / sampleRate >= MIN_CLIP_MS && peakDb >= SILENCE_DBFS
          && speechMs() >= MIN_SPEECH_MS;
    }
  }

  /**
   * Finds the speech segment of a clip.
   *
   * @param clip the clip
   * @return the segment
   */
  public static Segment detect(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    int rate = clip.sampleRate();
    int frame = Math.max(1, rate / 50);
    int hop = Math.max(1, rate / 100);
    int n = clip.length() < frame ? 0 : 1 + (clip.length() - frame) / hop;
    if (n == 0) {
      double db = db(clip.rms());
      return new Segment(0, clip.length(), rate, clip.length(), clip.length() == 0 ? -120 : db,
          db, 0, 0);
    }
    float[] x = clip.samples();
    double[] level = new double[n];
    for (int f = 0; f < n; f++) {
      int o = f * hop;
      double mean = 0;
      for (int i = 0; i < frame; i++) {
        mean += x[o + i];
      }
      mean /= frame;
      double sum = 0;
      for (int i = 0; i < frame; i++) {
        double d = x[o + i] - mean;
        sum += d * d;
      }
      level[f] = db(Math.sqrt(sum / frame));
    }
    double[] sorted = level.clone();
    Arrays.sort(sorted);
    double peak = sorted[n - 1];
    double floor = sorted[Math.min(n - 1, n / 10)];
    double threshold = Math.max(peak - RANGE_DB, floor + ABOVE_FLOOR_DB);
    int first = -1;
    int last = -1;
    int active = 0;
    for (int f = 0; f < n; f++) {
      if (level[f] > threshold) {
        active++;
        last = f;
        if (first < 0) {
          first = f;
        }
      }
    }
    if (first < 0) {
      // a flat clip: nothing stands out, so the whole clip is the segment
      return new Segment(0, clip.length(), rate, clip.length(), peak, floor, 0, n);
    }
    int start = Math.max(0, (first - MARGIN_FRAMES) * hop);
    int end = Math.min(clip.length(), (last + MARGIN_FRAMES) * hop + frame);
    return new Segment(start, end, rate, clip.length(), peak, floor, active, n);
  }

  static double db(double rms) {
    return Math.max(-120, 20 * Math.log10(Math.max(rms, 1e-6)));
  }
}
