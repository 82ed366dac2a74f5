package dev.ciclo.augment.signal;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.augment.internal.Draws;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Changes the tempo at constant pitch with WSOLA (waveform-similarity overlap-add): a factor
 * drawn uniformly from a range (default 0.8 to 1.25, audiomentations' TimeStretch) divides the
 * duration. Frames of 20 ms with a Hann window are overlap-added every 10 ms of output; each is
 * taken from the input near its nominal position (within ±5 ms), where it best continues the
 * previous frame (highest cross-correlation). The output has {@code round(length / factor)}
 * samples. The record, named {@value #NAME}, carries {@code factor}. Immutable and thread-safe.
 */
public final class TempoPerturbation implements Augmenter<AudioClip> {
  /** The transform's name in records. */
  public static final String NAME = "tempo";

  private final double min;
  private final double max;

  private TempoPerturbation(double min, double max) {
    this.min = min;
    this.max = max;
  }

  /**
   * A tempo factor drawn from a range.
   *
   * @param min the lowest factor, from 0.5 to 2
   * @param max the highest, from min to 2
   * @return the augmenter
   * @throws IllegalArgumentException if a bound is out of range or they are not ordered
   */
  public static TempoPerturbation of(double min, double max) {
    Checks.between(min, 0.5, 2, "tempoFactor");
    Checks.between(max, 0.5, 2, "tempoFactor");
    Checks.ordered(min, max, "tempoFactor");
    return new TempoPerturbation(min, max);
  }

  /**
   * A factor from 0.8 to 1.25.
   *
   * @return the augmenter
   */
  public static TempoPerturbation defaults() {
    return of(0.8, 1.25);
  }

  @Override
  public Augmented<AudioClip> apply(AudioClip input, RandomGenerator random) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(random, "random");
    double f = Draws.uniform(random, min, max);
    float[] y = wsola(input.samples(), input.sampleRate(), f);
    return new Augmented<>(AudioClip.of(y, input.sampleRate()),
        AugmentationRecord.of(new AppliedTransform(NAME, Map.of("factor", f))));
  }

  static float[] wsola(float[] x, int rate, double factor) {
    int outLen = (int) Math.round(x.length / factor);
    int frame = Math.max(4, 2 * Math.round(rate * 0.01f));
    int hop = frame / 2;
    int tol = Math.max(1, frame / 4);
    double[] w = new double[frame];
    for (int i = 0; i < frame; i++) {
      w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame);
    }
    double[] acc = new double[outLen + frame];
    double[] norm = new double[outLen + frame];
    int prev = -1;
    for (int out = 0; out < outLen; out += hop) {
      int nominal = (int) Math.round(out * factor);
      int best = nominal;
      if (prev >= 0) {
        int natural = prev + hop;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int d = -tol; d <= tol; d++) {
          int cand = nominal + d;
          double s = 0;
          for (int i = 0; i < frame; i++) {
            s += at(x, cand + i) * at(x, natural + i);
          }
          if (s > bestScore) {
            bestScore = s;
            best = cand;
          }
        }
      }
      for (int i = 0; i < frame; i++) {
        acc[out + i] += w[i] * at(x, best + i);
        norm[out + i] += w[i];
      }
      prev = best;
    }
    float[] y = new float[outLen];
    for (int i = 0; i < outLen; i++) {
      y[i] = norm[i] > 1e-3 ? (float) (acc[i] / norm[i]) : (float) acc[i];
    }
    return y;
  }

  private static double at(float[] x, int i) {
    return i >= 0 && i < x.length ? x[i] : 0;
  }

  @Override
  public String toString() {
    return "TempoPerturbation[" + Checks.fmt(min) + " to " + Checks.fmt(max) + "]";
  }
}
