package dev.ciclo.bench.augment;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.noise.NoiseBank;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads one-second 8 kHz clips from FSDD (looped to 8,000 samples) and the noise bank. Public for
 * the other benchmark packages.
 */
public final class Clips {
  private Clips() {}

  static Path dataDir() {
    String env = System.getenv("CICLO_DATA_DIR");
    Path p = env == null ? Path.of("..", "shared", "data") : Path.of(env);
    if (!Files.isDirectory(p.resolve("fsdd"))) {
      throw new IllegalStateException("shared data not found at " + p.toAbsolutePath()
          + ": set CICLO_DATA_DIR to the folder holding fsdd/ and noise/");
    }
    return p;
  }

  /**
   * The first FSDD recordings, each looped to one second.
   *
   * @param count how many
   * @return the clips at 8 kHz
   */
  public static List<AudioClip> oneSecondClips(int count) {
    List<AudioClip> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dataDir().resolve("fsdd").resolve("recordings"))) {
      for (Path f : s.sorted().limit(count).toList()) {
        float[] x = Wav.read(f).samples();
        float[] y = new float[8000];
        for (int i = 0; i < y.length; i++) {
          y[i] = x[i % x.length];
        }
        out.add(AudioClip.of(y, 8000));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Consecutive one-second pieces of {@code street-cars.wav}: clips in which nobody speaks.
   *
   * @param count how many (at most 147)
   * @return the clips at 8 kHz
   */
  public static List<AudioClip> oneSecondNoise(int count) {
    AudioClip noise = streetCars().clip(0);
    List<AudioClip> out = new ArrayList<>();
    for (int k = 0; k < count && (k + 1) * 8000 <= noise.length(); k++) {
      float[] y = new float[8000];
      for (int i = 0; i < y.length; i++) {
        y[i] = noise.sample(k * 8000 + i);
      }
      out.add(AudioClip.of(y, 8000));
    }
    return out;
  }

  static NoiseBank streetCars() {
    return NoiseBank.load(List.of(dataDir().resolve("noise").resolve("street-cars.wav")), 8000);
  }
}
