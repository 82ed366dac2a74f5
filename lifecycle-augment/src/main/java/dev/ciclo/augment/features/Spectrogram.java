package dev.ciclo.augment.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * A time-frequency matrix: {@code frames()} rows of {@code bins()} values (mel bands for a
 * log-mel spectrogram, cepstral coefficients for MFCC).
 *
 * <p>Immutable and thread-safe: values are copied in and out.
 */
public final class Spectrogram {
  private final int frames;
  private final int bins;
  private final double[] values;

  private Spectrogram(int frames, int bins, double[] values) {
    this.frames = frames;
    this.bins = bins;
    this.values = values;
  }

  /**
   * A spectrogram from rows of values, which are copied.
   *
   * @param rows one row per frame, all of the same positive length, values finite; at least one
   * @return the spectrogram
   * @throws NullPointerException if {@code rows} or a row is null
   * @throws IllegalArgumentException if there is no row, rows differ in length or are empty, or a
   *     value is not finite
   */
  public static Spectrogram of(double[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must hold at least 1 frame but held 0");
    }
    int b = Objects.requireNonNull(rows[0], "rows[0]").length;
    if (b == 0) {
      throw new IllegalArgumentException("rows must hold at least 1 bin but held 0");
    }
    double[] v = new double[rows.length * b];
    for (int t = 0; t < rows.length; t++) {
      double[] r = Objects.requireNonNull(rows[t], "rows[" + t + "]");
      if (r.length != b) {
        throw new IllegalArgumentException(
            "rows must all have " + b + " bins but row " + t + " had " + r.length);
      }
      System.arraycopy(r, 0, v, t * b, b);
    }
    return ofFlat(rows.length, b, v);
  }

  static Spectrogram ofFlat(int frames, int bins, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values must be finite but frame " + i / bins + " bin " + i % bins + " was "
                + values[i]);
      }
    }
    return new Spectrogram(frames, bins, values);
  }

  /**
   * The number of frames (rows).
   *
   * @return at least 1
   */
  public int frames() {
    return frames;
  }

  /**
   * The number of bins per frame (columns).
   *
   * @return at least 1
   */
  public int bins() {
    return bins;
  }

  /**
   * One value.
   *
   * @param frame from 0 to {@code frames() - 1}
   * @param bin from 0 to {@code bins() - 1}
   * @return the value
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public double get(int frame, int bin) {
    Objects.checkIndex(frame, frames);
    Objects.checkIndex(bin, bins);
    return values[frame * bins + bin];
  }

  /**
   * A copy of one frame.
   *
   * @param frame from 0 to {@code frames() - 1}
   * @return a new array of {@code bins()} values
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double[] frame(int frame) {
    Objects.checkIndex(frame, frames);
    return Arrays.copyOfRange(values, frame * bins, (frame + 1) * bins);
  }

  /**
   * A copy of all values as rows.
   *
   * @return a new {@code frames() x bins()} array
   */
  public double[][] toArray() {
    double[][] out = new double[frames][];
    for (int t = 0; t < frames; t++) {
      out[t] = frame(t);
    }
    return out;
  }

  /** The backing array, for this package's engines only; never modified after construction. */
  double[] flat() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Spectrogram s
        && s.frames == frames
        && s.bins == bins
        && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * frames + bins) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Spectrogram[" + frames + " frames x " + bins + " bins]";
  }
}
