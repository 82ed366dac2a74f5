package dev.ciclo.examples.augment;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Provenance;
import dev.ciclo.augment.AugmentedExample;
import dev.ciclo.augment.DatasetAugmentation;
import dev.ciclo.augment.Records;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The "more data of the kind that fails" step of the story: real car noise mixed into clean
 * spoken digits at 0 to 10 dB SNR.
 *
 * <p>It reads one recording of each digit 0-9 of one FSDD speaker, mixes {@code street-cars.wav}
 * into each (offset and SNR drawn from a stream keyed by seed, file name and copy), and writes to
 * the output folder, per digit: the noisy clip as 32-bit float WAV (so nothing is clipped and
 * the SNR stays exact), and its record as JSON; plus {@code provenance.txt}, the augmented
 * dataset's provenance with the roll-up of every record.
 *
 * <p>Run: {@code java ... dev.ciclo.examples.augment.CarNoiseMixing OUT_DIR [DATA_DIR]}; the
 * data folder defaults to {@code $CICLO_DATA_DIR}, else {@code ../shared/data}.
 */
public final class CarNoiseMixing {
  private CarNoiseMixing() {}

  /**
   * One written clip.
   *
   * @param wav the noisy clip
   * @param recordJson the record beside it
   * @param source the clean recording it was made from
   * @param requestedSnrDb the SNR drawn
   * @param measuredSnrDb the measured SNR the record carries: that of the clean clip and the
   *     scaled noise summed into it (see {@link BackgroundNoise})
   */
  public record Written(
      Path wav, Path recordJson, Path source, double requestedSnrDb, double measuredSnrDb) {}

  /**
   * Runs the example from the command line.
   *
   * @param args the output folder, and optionally the data folder
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: CarNoiseMixing OUT_DIR [DATA_DIR]");
      System.exit(2);
    }
    Path data = args.length > 1 ? Path.of(args[1]) : defaultDataDir();
    run(data, Path.of(args[0]), "jackson", 42L, System.out);
  }

  static Path defaultDataDir() {
    String env = System.getenv("CICLO_DATA_DIR");
    return env != null ? Path.of(env) : Path.of("..", "shared", "data");
  }

  /**
   * Mixes car noise into one speaker's digits and writes the results.
   *
   * @param dataDir the folder holding {@code fsdd/recordings} and {@code noise}
   * @param outDir the folder to write to (created if missing)
   * @param speaker the FSDD speaker, for example {@code "jackson"}
   * @param seed the seed of the augmentation
   * @param log where to print progress
   * @return what was written, one entry per digit
   * @throws dev.ciclo.api.CicloException if a file cannot be read or written
   */
  public static List<Written> run(
      Path dataDir, Path outDir, String speaker, long seed, PrintStream log) {
    Path recordings = dataDir.resolve("fsdd").resolve("recordings");
    List<Example<AudioClip, String>> clean = new ArrayList<>();
    for (int digit = 0; digit < 10; digit++) {
      String name = digit + "_" + speaker + "_0.wav";
      clean.add(new Example<>(name, Wav.read(recordings.resolve(name)), Integer.toString(digit),
          speaker, Set.of(), Map.of("path", recordings.resolve(name).toString())));
    }
    Dataset<AudioClip, String> digits = Dataset.of("fsdd-" + speaker, clean,
        new Provenance("audio-folder", recordings.toString(), 2500, List.of())
            .withStep("filter: speaker " + speaker + ", index 0"));

    NoiseBank bank =
        NoiseBank.load(List.of(dataDir.resolve("noise").resolve("street-cars.wav")), 8000);
    DatasetAugmentation<AudioClip> carNoise = DatasetAugmentation
        .builder(BackgroundNoise.builder(bank).snrDb(0, 10).build(), seed)
        .keepOriginals(false)
        .build();

    List<Written> out = new ArrayList<>();
    try {
      Files.createDirectories(outDir);
      List<AugmentedExample<AudioClip, String>> copies = carNoise.copies(digits).toList();
      for (AugmentedExample<AudioClip, String> a : copies) {
        Example<AudioClip, String> e = a.example();
        String stem = e.id().replace(".wav", "") + "_street-cars";
        Path wav = outDir.resolve(stem + ".wav");
        Path json = outDir.resolve(stem + ".json");
        Wav.write(e.input(), wav, SampleFormat.FLOAT_32);
        Files.writeString(json, Records.toJson(a.record()) + "\n", StandardCharsets.UTF_8);
        AppliedTransform t = a.record().transforms().get(0);
        Written w = new Written(wav, json, Path.of(e.metadata().get("path")),
            t.number("requestedSnrDb"), t.number("measuredSnrDb"));
        out.add(w);
        log.printf(Locale.ROOT,
            "%s: digit %s, offset %.2f s, SNR requested %.3f dB, measured %.3f dB%n",
            wav.getFileName(), e.target(), t.number("offset") / 8000.0, w.requestedSnrDb(),
            w.measuredSnrDb());
      }
      Dataset<AudioClip, String> augmented = carNoise.apply(digits);
      Files.writeString(outDir.resolve("provenance.txt"),
          String.join("\n", augmented.provenance().steps()) + "\n", StandardCharsets.UTF_8);
      log.println("wrote " + out.size() + " clips, their records and provenance.txt to " + outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + outDir, e);
    }
    return out;
  }
}
