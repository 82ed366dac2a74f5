package dev.ciclo.augment.features;

import dev.ciclo.api.data.AudioClip;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Computes log-mel spectrograms and MFCC under a {@link SpectralConfig}.
 *
 * <p>The definition, step by step (the NumPy/SciPy reference in the tests follows the same
 * text):
 *
 * <ol>
 *   <li>Pre-emphasis over the whole clip: {@code y[0] = x[0]}, {@code y[n] = x[n] - a x[n-1]}.
 *   <li>Framing: {@code T = 1} if the clip has at most {@code frameLength} samples, else {@code 1 +
 *       ceil((n - frameLength) / hop)}; frame {@code t} is {@code y[t*hop ..  t*hop +
 *       frameLength)}, with zeros past the end. An empty clip gives one frame of zeros.
 *   <li>Window (periodic, see {@link Window}), zero-padding to {@code fftSize}, real FFT
 *       (JTransforms) and power {@code |X[k]|^2} for {@code k = 0 .. fftSize/2}, unnormalised.
 *   <li>Mel filterbank: HTK mel scale {@code m(f) = 2595 log10(1 + f/700)}; {@code melBands + 2}
 *       points equally spaced in mel from {@code m(fmin)} to {@code m(fmax)}, mapped back to Hz
 *       as {@code f_0 .. f_{M+1}}; band {@code m} weighs bin frequency {@code f = k sr / fftSize}
 *       with the triangle {@code max(0, min((f - f_{m-1}) / (f_m - f_{m-1}), (f_{m+1} - f) /
 *       (f_{m+1} - f_m)))} (peak 1, no area normalisation).
 *   <li>Log: {@code ln(max(energy, 1e-10))}.
 *   <li>MFCC: the orthonormal DCT-II of each log-mel frame, first {@code coefficients} kept:
 *       {@code c_k = s_k sum_n L_n cos(pi k (2n + 1) / (2M))}, {@code s_0 = sqrt(1/M)}, {@code
 *       s_k = sqrt(2/M)}.
 * </ol>
 *
 * <p>Immutable and thread-safe: every call uses its own buffers.
 */
public final class SpeechFeatures {
  /** The floor under mel energies before the logarithm. */
  public static final double LOG_FLOOR = 1e-10;

  private final SpectralConfig config;
  private final double[] window;
  /** Per band: first bin, then weights for consecutive bins. */
  private final int[] bandStart;
  private final double[][] bandWeights;
  private final double[] dct;

  /**
   * Features under a configuration.
   *
   * @param config the parameters
   * @throws NullPointerException if {@code config} is null
   */
  public SpeechFeatures(SpectralConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.window = config.window().coefficients(config.frameLength());
    int m = config.melBands();
    int bins = config.fftSize() / 2 + 1;
    double[] hz = melPoints(config);
    bandStart = new int[m];
    bandWeights = new double[m][];
    for (int b = 0; b < m; b++) {
      double lo = hz[b];
      double mid = hz[b + 1];
      double hi = hz[b + 2];
      int first = -1;
      int last = -1;
      double[] w = new double[bins];
      for (int k = 0; k < bins; k++) {
        double f = (double) k * config.sampleRate() / config.fftSize();
        double v = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
        if (v > 0) {
          if (first < 0) {
            first = k;
          }
          last = k;
          w[k] = v;
        }
      }
      if (first < 0) {
        bandStart[b] = 0;
        bandWeights[b] = new double[0];
      } else {
        bandStart[b] = first;
        bandWeights[b] = java.util.Arrays.copyOfRange(w, first, last + 1);
      }
    }
    int c = config.coefficients();
    dct = new double[c * m];
    for (int k = 0; k < c; k++) {
      double s = k == 0 ? Math.sqrt(1.0 / m) : Math.sqrt(2.0 / m);
      for (int n = 0; n < m; n++) {
        dct[k * m + n] = s * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * m));
      }
    }
  }

  /**
   * Features with {@link SpectralConfig#defaults()}.
   *
   * @return the features
   */
  public static SpeechFeatures defaults() {
    return new SpeechFeatures(SpectralConfig.defaults());
  }

  /**
   * The configuration.
   *
   * @return the parameters
   */
  public SpectralConfig config() {
    return config;
  }

  /**
   * The log-mel spectrogram of a clip.
   *
   * @param clip the clip, at the configured sample rate
   * @return {@code T x melBands} natural-log energies
   * @throws NullPointerException if {@code clip} is null
   * @throws IllegalArgumentException if the clip's sample rate is not the configured one
   */
  public Spectrogram logMel(AudioClip clip) {
    checkRate(clip);
    int frames = frameCount(clip.length());
    int m = config.melBands();
    double[] out = new double[frames * m];
    logMelInto(clip.asBuffer(), frames, out);
    return Spectrogram.ofFlat(frames, m, out);
  }

  /**
   * The MFCC of a clip.
   *
   * @param clip the clip, at the configured sample rate
   * @return {@code T x coefficients} cepstral coefficients
   * @throws NullPointerException if {@code clip} is null
   * @throws IllegalArgumentException if the clip's sample rate is not the configured one
   */
  public Spectrogram mfcc(AudioClip clip) {
    checkRate(clip);
    int frames = frameCount(clip.length());
    int m = config.melBands();
    double[] logMel = new double[frames * m];
    logMelInto(clip.asBuffer(), frames, logMel);
    return Spectrogram.ofFlat(frames, config.coefficients(), cepstra(logMel, frames));
  }

  /**
   * The MFCC of a log-mel spectrogram made under this configuration.
   *
   * @param logMel the spectrogram, with {@code melBands} bins
   * @return {@code T x coefficients} cepstral coefficients
   * @throws NullPointerException if {@code logMel} is null
   * @throws IllegalArgumentException if its bin count is not {@code melBands}
   */
  public Spectrogram mfcc(Spectrogram logMel) {
    Objects.requireNonNull(logMel, "logMel");
    if (logMel.bins() != config.melBands()) {
      throw new IllegalArgumentException(
          "logMel must have " + config.melBands() + " bins (melBands) but had " + logMel.bins());
    }
    return Spectrogram.ofFlat(
        logMel.frames(), config.coefficients(), cepstra(logMel.flat(), logMel.frames()));
  }

  private double[] cepstra(double[] logMel, int frames) {
    int m = config.melBands();
    int c = config.coefficients();
    double[] out = new double[frames * c];
    for (int t = 0; t < frames; t++) {
      for (int k = 0; k < c; k++) {
        double acc = 0;
        int row = k * m;
        int in = t * m;
        for (int n = 0; n < m; n++) {
          acc += dct[row + n] * logMel[in + n];
        }
        out[t * c + k] = acc;
      }
    }
    return out;
  }

  int frameCount(int n) {
    int len = config.frameLength();
    if (n <= len) {
      return 1;
    }
    int hop = config.hopLength();
    return 1 + (n - len + hop - 1) / hop;
  }

  private void checkRate(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    if (clip.sampleRate() != config.sampleRate()) {
      throw new IllegalArgumentException(
          "clip sampleRate must be " + config.sampleRate() + " Hz (the configured rate) but was "
              + clip.sampleRate() + "; resample it first with dev.ciclo.augment.audio.Resampler");
    }
  }

  private void logMelInto(FloatBuffer x, int frames, double[] out) {
    int n = x.limit();
    int len = config.frameLength();
    int hop = config.hopLength();
    int nfft = config.fftSize();
    int m = config.melBands();
    double a = config.preEmphasis();
    DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
    double[] buf = new double[nfft];
    double[] power = new double[nfft / 2 + 1];
    for (int t = 0; t < frames; t++) {
      int start = t * hop;
      java.util.Arrays.fill(buf, 0);
      for (int i = 0; i < len; i++) {
        int j = start + i;
        if (j >= n) {
          break;
        }
        double y = j == 0 ? x.get(0) : x.get(j) - a * x.get(j - 1);
        buf[i] = y * window[i];
      }
      fft.realForward(buf);
      power[0] = buf[0] * buf[0];
      power[nfft / 2] = buf[1] * buf[1];
      for (int k = 1; k < nfft / 2; k++) {
        double re = buf[2 * k];
        double im = buf[2 * k + 1];
        power[k] = re * re + im * im;
      }
      for (int b = 0; b < m; b++) {
        double[] w = bandWeights[b];
        int s = bandStart[b];
        double e = 0;
        for (int i = 0; i < w.length; i++) {
          e += w[i] * power[s + i];
        }
        out[t * m + b] = Math.log(Math.max(e, LOG_FLOOR));
      }
    }
  }

  private static double[] melPoints(SpectralConfig c) {
    double lo = hzToMel(c.fmin());
    double hi = hzToMel(c.fmax());
    int m = c.melBands();
    double[] hz = new double[m + 2];
    for (int i = 0; i < m + 2; i++) {
      hz[i] = melToHz(lo + (hi - lo) * i / (m + 1));
    }
    return hz;
  }

  static double hzToMel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  static double melToHz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }
}
