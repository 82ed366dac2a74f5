package dev.ciclo.examples.data;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.augment.audio.Resampler;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.core.data.AudioFolderReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spoken digits and background noise an example runs on, and where they came from.
 *
 * @param recordings the clips at 8 kHz: label = digit, group = speaker, metadata {@code index}
 * @param noise background noise at 8 kHz by file name ({@link #STREET_CARS}, {@link
 *     #BUSES_TRAM}, {@link #WINDY_STREET})
 * @param origin a sentence saying where the data came from
 * @param synthetic whether the clips were generated in code instead of recorded
 */
public record SpeechData(Dataset<AudioClip, String> recordings, Map<String, AudioClip> noise,
    String origin, boolean synthetic) {
  /** Cars passing in a street: the "car noise" of the story. */
  public static final String STREET_CARS = "street-cars.wav";
  /** Buses, a tram and people: other street noise. */
  public static final String BUSES_TRAM = "street-buses-tram.wav";
  /** Wind and distant cars. */
  public static final String WINDY_STREET = "windy-street-distant-cars.wav";
  /** The noise files every source provides. */
  public static final List<String> NOISE_FILES = List.of(STREET_CARS, BUSES_TRAM, WINDY_STREET);
  /** The sample rate of everything here. */
  public static final int SAMPLE_RATE = 8000;

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a noise file of {@link #NOISE_FILES} is missing
   */
  public SpeechData {
    Objects.requireNonNull(recordings, "recordings");
    Objects.requireNonNull(origin, "origin");
    noise = Map.copyOf(noise);
    for (String n : NOISE_FILES) {
      if (!noise.containsKey(n)) {
        throw new IllegalArgumentException("noise must hold " + n + " but holds " + noise.keySet());
      }
    }
  }

  /**
   * The data folder the examples use by default: {@code CICLO_DATA_DIR} when set, else the
   * first {@code shared/data} holding {@code fsdd/} beside the working folder or one of its
   * parents (so a notebook in {@code examples/notebooks} finds the same folder as the demo),
   * else {@code ../shared/data}.
   *
   * @return the folder (it may not exist)
   */
  public static Path defaultDataDir() {
    String env = System.getenv("CICLO_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    // From the working folder up: a notebook runs in examples/notebooks, the demo in the
    // checkout or in examples/; each finds the same ../shared/data beside the checkout.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (dir.getParent() != null && Files.isDirectory(candidate.resolve("fsdd"))) {
        return candidate;
      }
    }
    return Path.of("..", "shared", "data");
  }

  /**
   * Whether a folder holds FSDD's recordings and the noise files.
   *
   * @param dataDir the folder
   * @return true when {@code fsdd/recordings} and every file of {@link #NOISE_FILES} exist
   */
  public static boolean isComplete(Path dataDir) {
    return Files.isDirectory(dataDir.resolve("fsdd").resolve("recordings"))
        && NOISE_FILES.stream().allMatch(n -> Files.isRegularFile(dataDir.resolve("noise")
            .resolve(n)));
  }

  /**
   * Reads the real data of a folder that {@link #isComplete}.
   *
   * @param dataDir the folder holding {@code fsdd/recordings} and {@code noise}
   * @return the data
   * @throws IllegalArgumentException if the folder is not complete
   * @throws dev.ciclo.api.CicloException if a file cannot be read
   */
  public static SpeechData read(Path dataDir) {
    if (!isComplete(dataDir)) {
      throw new IllegalArgumentException("data folder " + dataDir.toAbsolutePath()
          + " must hold fsdd/recordings and noise/" + NOISE_FILES);
    }
    Map<String, AudioClip> noise = new LinkedHashMap<>();
    for (String n : NOISE_FILES) {
      noise.put(n, readNoise(dataDir.resolve("noise").resolve(n)));
    }
    return new SpeechData(readFsdd(dataDir.resolve("fsdd").resolve("recordings")), noise,
        "FSDD and Berlin Noise from " + dataDir.toAbsolutePath().normalize(), false);
  }

  private static AudioClip readNoise(Path file) {
    return Resampler.resample(Wav.read(file), SAMPLE_RATE);
  }

  static Dataset<AudioClip, String> readFsdd(Path recordings) {
    return AudioFolderReader.read(recordings, AudioFolderReader.FSDD, Wav::read);
  }

  /**
   * Finds data in order: the data folder; else, when {@code downloader} is given, FSDD
   * downloaded into its cache (with synthetic noise, since the noise recordings are not part of
   * FSDD); else the synthetic set. Prints which one it uses.
   *
   * @param dataDir the data folder to try first
   * @param downloader the downloader to try next, or {@code null} to skip downloading
   * @param seed the seed of any synthetic part
   * @param out where to say what was chosen
   * @return the data
   */
  public static SpeechData resolve(Path dataDir, FsddDownloader downloader, long seed,
      PrintStream out) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(out, "out");
    if (isComplete(dataDir)) {
      return read(dataDir);
    }
    out.println("no FSDD and noise under " + dataDir.toAbsolutePath().normalize()
        + " (set CICLO_DATA_DIR to the folder holding fsdd/ and noise/)");
    if (downloader != null) {
      try {
        Path recordings = downloader.fetch(out);
        return new SpeechData(readFsdd(recordings), SyntheticDigits.noise(seed),
            "FSDD downloaded into " + recordings + ", with SYNTHETIC street noise (the noise"
                + " recordings are not part of FSDD)", false);
      } catch (RuntimeException e) {
        out.println("download failed: " + e.getMessage());
      }
    }
    out.println("USING SYNTHETIC DATA: spoken digits generated in code (tone sequences with a"
        + " pitch per speaker), not real speech; the numbers below say nothing about FSDD");
    return SyntheticDigits.generate(seed);
  }
}
