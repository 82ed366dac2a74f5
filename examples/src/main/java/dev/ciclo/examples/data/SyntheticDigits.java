package dev.ciclo.examples.data;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small synthetic spoken-digit set, for when no real data is at hand: each digit is a fixed
 * sequence of three vowel-like sounds (a pulse train at the speaker's pitch through two formant
 * resonators), each "speaker" has their own pitch and vocal-tract scale, and each recording
 * jitters the timing and formants. Also synthetic street noise: low rumble with swells (cars),
 * rumble with a hum and a squeal (buses and trams), and gusty wind.
 *
 * <p>It is not speech. It exists so that the demo and its tests run anywhere, and says so.
 * Deterministic for a seed; stateless and thread-safe.
 */
public final class SyntheticDigits {
  /** The generated speakers. */
  public static final List<String> SPEAKERS = List.of("ada", "bo", "cyd", "dee", "eli");
  /** Recordings per digit and speaker (indexes 0 to 19). */
  public static final int RECORDINGS = 20;

  // formants (Hz) of six vowel-like sounds: i, e, a, o, u, schwa
  private static final double[][] VOWELS = {
    {280, 2250}, {450, 1900}, {750, 1250}, {500, 850}, {320, 800}, {550, 1500}};
  // the three sounds of each digit 0-9
  private static final int[][] DIGITS = {
    {0, 2, 3}, {4, 2, 1}, {1, 4, 0}, {3, 0, 5}, {2, 3, 4},
    {5, 1, 2}, {0, 5, 3}, {1, 2, 5}, {2, 0, 1}, {3, 4, 1}};
  private static final int RATE = SpeechData.SAMPLE_RATE;

  private SyntheticDigits() {}

  /**
   * Generates the set: {@value #RECORDINGS} recordings of each digit by each of the 5 speakers,
   * ids and metadata as FSDD's reader gives them ({@code 7_ada_3}, index {@code 3}), and the
   * synthetic noise of {@link #noise}.
   *
   * @param seed the seed
   * @return the data, marked synthetic
   */
  public static SpeechData generate(long seed) {
    List<Example<AudioClip, String>> out = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      for (int s = 0; s < SPEAKERS.size(); s++) {
        for (int i = 0; i < RECORDINGS; i++) {
          String id = d + "_" + SPEAKERS.get(s) + "_" + i;
          SplittableRandom r = new SplittableRandom(seed * 1_000_003L + id.hashCode());
          out.add(new Example<>(id, digit(d, s, r), Integer.toString(d), SPEAKERS.get(s),
              Set.of(), Map.of("index", Integer.toString(i), "file", id + ".wav")));
        }
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    Dataset<AudioClip, String> data = Dataset.of("synthetic-digits", out,
        new Provenance("synthetic", "SyntheticDigits seed " + seed, out.size(), List.of()));
    return new SpeechData(data, noise(seed), "SYNTHETIC spoken digits generated in code (seed "
        + seed + "), not real speech", true);
  }

  /**
   * Synthetic noise under the names of {@link SpeechData#NOISE_FILES}, 20 seconds each.
   *
   * @param seed the seed
   * @return the noise by name
   */
  public static Map<String, AudioClip> noise(long seed) {
    Map<String, AudioClip> m = new LinkedHashMap<>();
    m.put(SpeechData.STREET_CARS, rumble(new SplittableRandom(seed + 11), 0.9, 0, 0));
    m.put(SpeechData.BUSES_TRAM, rumble(new SplittableRandom(seed + 12), 0.8, 110, 1500));
    m.put(SpeechData.WINDY_STREET, rumble(new SplittableRandom(seed + 13), 0.85, 0, 0));
    return m;
  }

  static AudioClip digit(int digit, int speaker, SplittableRandom r) {
    double f0 = 90 + 30 * speaker + r.nextDouble(-6, 6);
    double scale = 0.8 + 0.1 * speaker + r.nextDouble(-0.04, 0.04);
    List<float[]> parts = new ArrayList<>();
    int total = 0;
    for (int v : DIGITS[digit]) {
      int n = (int) (RATE * r.nextDouble(0.11, 0.18));
      float[] seg = vowel(VOWELS[v][0] * scale, VOWELS[v][1] * scale, f0, n, r);
      parts.add(seg);
      total += n;
    }
    float[] x = new float[total];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, x, at, p.length);
      at += p.length;
    }
    double peak = 1e-9;
    for (float v : x) {
      peak = Math.max(peak, Math.abs(v));
    }
    double gain = r.nextDouble(0.3, 0.6) / peak;
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (x[i] * gain + r.nextDouble(-1e-3, 1e-3));
    }
    return AudioClip.of(x, RATE);
  }

  private static float[] vowel(double f1, double f2, double f0, int n, SplittableRandom r) {
    float[] y = new float[n];
    double[] a = resonator(f1 * r.nextDouble(0.9, 1.1), 90);
    double[] b = resonator(f2 * r.nextDouble(0.9, 1.1), 120);
    double a1 = 0;
    double a2 = 0;
    double b1 = 0;
    double b2 = 0;
    double phase = 0;
    for (int i = 0; i < n; i++) {
      phase += f0 / RATE;
      double src = 0;
      if (phase >= 1) {
        phase -= 1;
        src = 1;
      }
      src += r.nextDouble(-0.3, 0.3);
      double ya = src + a[0] * a1 - a[1] * a2;
      a2 = a1;
      a1 = ya;
      double yb = src + b[0] * b1 - b[1] * b2;
      b2 = b1;
      b1 = yb;
      double env = Math.sin(Math.PI * (i + 0.5) / n);
      y[i] = (float) (env * (ya + 0.6 * yb));
    }
    return y;
  }

  private static double[] resonator(double freq, double bandwidth) {
    double rr = Math.exp(-Math.PI * bandwidth / RATE);
    return new double[] {2 * rr * Math.cos(2 * Math.PI * freq / RATE), rr * rr};
  }

  private static AudioClip rumble(SplittableRandom r, double leak, double humHz, double squealHz) {
    int n = RATE * 20;
    float[] x = new float[n];
    double y = 0;
    for (int i = 0; i < n; i++) {
      y = leak * y + r.nextDouble(-1, 1);
      double t = (double) i / RATE;
      double swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.13 * t + r.nextDouble(0, 0.01));
      double v = y * swell;
      if (humHz > 0) {
        v += 2 * Math.sin(2 * Math.PI * humHz * t);
      }
      if (squealHz > 0 && (i / RATE) % 5 == 2) {
        v += 1.5 * Math.sin(2 * Math.PI * squealHz * t);
      }
      x[i] = (float) v;
    }
    double peak = 1e-9;
    for (float v : x) {
      peak = Math.max(peak, Math.abs(v));
    }
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.5 * x[i] / peak);
    }
    return AudioClip.of(x, RATE);
  }
}
