package dev.ciclo.augment.features;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed-length, named summary of a clip's MFCC for classical models (logistic regression, SVM,
 * trees): the {@link FeatureExtractor} that training and serving share.
 *
 * <p>Layouts ({@link Layout}), with {@code C} coefficients:
 *
 * <ul>
 *   <li>{@link Layout#MEAN_STD}: per coefficient the mean and the population standard deviation
 *       over frames; {@code 2C} features named {@code mfcc_mean_k}, {@code mfcc_std_k}.
 *   <li>{@link Layout#MEAN_STD_DELTAS} (the default): the same plus mean and standard deviation
 *       of the deltas ({@code d_t = sum_{n=1..W} n (c_{t+n} - c_{t-n}) / (2 sum n^2)}, frames
 *       repeated at the edges, {@code W = deltaWidth}); {@code 4C} features, the extra ones named
 *       {@code delta_mean_k}, {@code delta_std_k}.
 *   <li>{@link Layout#TIME_ALIGNED}: cepstral mean normalisation (each coefficient's mean over
 *       the clip subtracted), then the frames linearly interpolated to {@code alignedFrames}
 *       equally spaced positions from the first to the last frame; {@code alignedFrames * C}
 *       features named {@code mfcc_t03_c05} (frame-major). Keeps the order of sounds, which mean
 *       and deviation lose.
 * </ul>
 *
 * <p>Immutable and thread-safe. Every vector of one extractor has the same names, in the same
 * order, shared between vectors.
 */
public final class MfccSummary implements FeatureExtractor<AudioClip> {
  /** How the frames are summarised. */
  public enum Layout {
    /** Mean and standard deviation per coefficient. */
    MEAN_STD,
    /** Mean and standard deviation of the coefficients and of their deltas. */
    MEAN_STD_DELTAS,
    /** Cepstral-mean-normalised frames resampled to a fixed count. */
    TIME_ALIGNED
  }

  private final SpeechFeatures features;
  private final Layout layout;
  private final int deltaWidth;
  private final int alignedFrames;
  private final List<String> names;

  private MfccSummary(Builder b) {
    features = new SpeechFeatures(b.config);
    layout = b.layout;
    deltaWidth = b.deltaWidth;
    alignedFrames = b.alignedFrames;
    names = List.copyOf(makeNames());
  }

  /**
   * A builder: {@link SpectralConfig#defaults()}, {@link Layout#MEAN_STD_DELTAS}, delta width 2,
   * 16 aligned frames.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The names of the features, in order: fixed by the configuration and the layout, so always
   * present.
   *
   * @return an unmodifiable list
   */
  @Override
  public Optional<List<String>> featureNames() {
    return Optional.of(names);
  }

  /**
   * The layout.
   *
   * @return how frames are summarised
   */
  public Layout layout() {
    return layout;
  }

  /**
   * The MFCC engine used.
   *
   * @return the features
   */
  public SpeechFeatures features() {
    return features;
  }

  @Override
  public FeatureVector extract(AudioClip input) {
    Spectrogram c = features.mfcc(Objects.requireNonNull(input, "input"));
    return FeatureVector.of(names, summarise(c));
  }

  /**
   * Summarises an MFCC matrix computed under this extractor's configuration.
   *
   * @param mfcc the matrix, {@code T x coefficients}
   * @return the values in the order of {@link #featureNames()}
   * @throws IllegalArgumentException if its bin count is not the configured coefficient count
   */
  public double[] summarise(Spectrogram mfcc) {
    int cc = features.config().coefficients();
    if (mfcc.bins() != cc) {
      throw new IllegalArgumentException(
          "mfcc must have " + cc + " bins (coefficients) but had " + mfcc.bins());
    }
    double[] c = mfcc.flat();
    int t = mfcc.frames();
    if (layout == Layout.TIME_ALIGNED) {
      return aligned(c, t, cc);
    }
    double[] out = new double[(layout == Layout.MEAN_STD ? 2 : 4) * cc];
    meanStd(c, t, cc, out, 0);
    if (layout == Layout.MEAN_STD_DELTAS) {
      meanStd(deltas(c, t, cc, deltaWidth), t, cc, out, 2 * cc);
    }
    return out;
  }

  private static void meanStd(double[] c, int t, int cc, double[] out, int at) {
    for (int k = 0; k < cc; k++) {
      double sum = 0;
      for (int i = 0; i < t; i++) {
        sum += c[i * cc + k];
      }
      double mean = sum / t;
      double sq = 0;
      for (int i = 0; i < t; i++) {
        double d = c[i * cc + k] - mean;
        sq += d * d;
      }
      out[at + k] = mean;
      out[at + cc + k] = Math.sqrt(sq / t);
    }
  }

  static double[] deltas(double[] c, int t, int cc, int w) {
    double[] d = new double[c.length];
    double denom = 0;
    for (int n = 1; n <= w; n++) {
      denom += 2.0 * n * n;
    }
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < cc; k++) {
        double num = 0;
        for (int n = 1; n <= w; n++) {
          int ahead = Math.min(t - 1, i + n);
          int behind = Math.max(0, i - n);
          num += n * (c[ahead * cc + k] - c[behind * cc + k]);
        }
        d[i * cc + k] = num / denom;
      }
    }
    return d;
  }

  private double[] aligned(double[] c, int t, int cc) {
    double[] mean = new double[cc];
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < cc; k++) {
        mean[k] += c[i * cc + k] / t;
      }
    }
    double[] out = new double[alignedFrames * cc];
    for (int j = 0; j < alignedFrames; j++) {
      double pos = alignedFrames == 1 ? 0 : (double) j * (t - 1) / (alignedFrames - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(t - 1, lo + 1);
      double frac = pos - lo;
      for (int k = 0; k < cc; k++) {
        double a = c[lo * cc + k];
        double b = c[hi * cc + k];
        out[j * cc + k] = a + (b - a) * frac - mean[k];
      }
    }
    return out;
  }

  private List<String> makeNames() {
    int cc = features.config().coefficients();
    List<String> n = new ArrayList<>();
    if (layout == Layout.TIME_ALIGNED) {
      for (int j = 0; j < alignedFrames; j++) {
        for (int k = 0; k < cc; k++) {
          n.add(String.format("mfcc_t%02d_c%02d", j, k));
        }
      }
      return n;
    }
    for (String s : layout == Layout.MEAN_STD
        ? List.of("mfcc_mean_", "mfcc_std_")
        : List.of("mfcc_mean_", "mfcc_std_", "delta_mean_", "delta_std_")) {
      for (int k = 0; k < cc; k++) {
        n.add(s + k);
      }
    }
    return n;
  }

  @Override
  public String describe() {
    return "MfccSummary[layout=" + layout + (layout == Layout.MEAN_STD_DELTAS
        ? ", deltaWidth=" + deltaWidth : "") + (layout == Layout.TIME_ALIGNED
        ? ", alignedFrames=" + alignedFrames + ", cmn=true" : "") + ", " + features.config() + "]";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Mutable, not thread-safe builder; each setter checks its value at once. */
  public static final class Builder {
    private SpectralConfig config = SpectralConfig.defaults();
    private Layout layout = Layout.MEAN_STD_DELTAS;
    private int deltaWidth = 2;
    private int alignedFrames = 16;

    private Builder() {}

    /**
     * @param c the MFCC parameters; default {@link SpectralConfig#defaults()}
     * @return this builder
     */
    public Builder config(SpectralConfig c) {
      config = Objects.requireNonNull(c, "config");
      return this;
    }

    /**
     * @param l the layout; default {@link Layout#MEAN_STD_DELTAS}
     * @return this builder
     */
    public Builder layout(Layout l) {
      layout = Objects.requireNonNull(l, "layout");
      return this;
    }

    /**
     * @param w frames on each side in the delta regression; default 2
     * @return this builder
     * @throws IllegalArgumentException if outside 1 to 10
     */
    public Builder deltaWidth(int w) {
      deltaWidth = Checks.between(w, 1, 10, "deltaWidth");
      return this;
    }

    /**
     * @param n frames of the time-aligned layout; default 16
     * @return this builder
     * @throws IllegalArgumentException if outside 1 to 1000
     */
    public Builder alignedFrames(int n) {
      alignedFrames = Checks.between(n, 1, 1000, "alignedFrames");
      return this;
    }

    /**
     * Builds the extractor.
     *
     * @return the extractor
     */
    public MfccSummary build() {
      return new MfccSummary(this);
    }
  }
}
