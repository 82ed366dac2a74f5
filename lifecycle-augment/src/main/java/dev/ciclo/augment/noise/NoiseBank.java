package dev.ciclo.augment.noise;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.Resampler;
import dev.ciclo.augment.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Noise recordings held in memory at one sample rate, for {@link BackgroundNoise}.
 *
 * <p>Each file is read once, resampled to the bank's rate if needed, and kept as an {@link
 * AudioClip} with its name and the SHA-256 of its bytes (which augmentation records carry), so
 * mixing never touches the disk: the remedy for the slow noise loading that audiomentations' users
 * complain about. Each file also keeps prefix sums of its squared samples per 64-sample block (3%
 * more memory than the samples), so the energy of any segment a mix uses, looped or not, comes
 * without a pass over it. Immutable and thread-safe: one bank can serve every thread.
 */
public final class NoiseBank {
  private static final Logger LOG = LoggerFactory.getLogger(NoiseBank.class);

  private final int sampleRate;
  private final List<Noise> noises;

  /** One noise recording, with the prefix sums that give any segment's energy at once. */
  static final class Noise {
    final String name;
    final String sha256;
    final AudioClip clip;
    final SquareSums squares;

    Noise(String name, String sha256, AudioClip clip) {
      this.name = name;
      this.sha256 = sha256;
      this.clip = clip;
      this.squares = new SquareSums(clip);
    }
  }

  private NoiseBank(int sampleRate, List<Noise> noises) {
    this.sampleRate = sampleRate;
    this.noises = List.copyOf(noises);
  }

  /**
   * Loads every {@code *.wav} file of a folder (not its sub-folders), in name order.
   *
   * @param dir the folder
   * @param sampleRate the rate to hold the noise at, the rate of the clips it will be mixed into
   * @return the bank
   * @throws NullPointerException if {@code dir} is null
   * @throws IllegalArgumentException if the rate is out of range, or the folder holds no WAV file
   *     or a silent one
   * @throws CicloException if the folder or a file cannot be read or a file is not a valid WAV
   */
  public static NoiseBank fromDirectory(Path dir, int sampleRate) {
    Objects.requireNonNull(dir, "dir");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
              .endsWith(".wav"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CicloException("cannot list noise folder " + dir + ": " + e, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("dir must hold at least one .wav file but " + dir
          + " holds none");
    }
    return load(files, sampleRate);
  }

  /**
   * Loads noise files.
   *
   * @param files the WAV files, at least one
   * @param sampleRate the rate to hold the noise at
   * @return the bank, in the order given; names are the file names
   * @throws NullPointerException if an argument or a file is null
   * @throws IllegalArgumentException if the rate is out of range, there is no file, or a file is
   *     silent
   * @throws CicloException if a file cannot be read or is not a valid WAV
   */
  public static NoiseBank load(Collection<Path> files, int sampleRate) {
    checkRate(sampleRate);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("files must hold at least one file but was empty");
    }
    long t0 = System.nanoTime();
    List<Noise> out = new ArrayList<>();
    for (Path f : files) {
      Objects.requireNonNull(f, "file");
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new CicloException("cannot read noise file " + f + ": " + e, e);
      }
      AudioClip clip = Resampler.resample(Wav.decode(bytes, f.toString()), sampleRate);
      out.add(checked(f.getFileName().toString(), sha256(bytes), clip));
    }
    LOG.debug("loaded {} noise files at {} Hz in {} ms", out.size(), sampleRate,
        (System.nanoTime() - t0) / 1_000_000);
    return new NoiseBank(sampleRate, out);
  }

  /**
   * A bank of one in-memory recording, resampled to the bank's rate if needed. Its hash is the
   * SHA-256 of the clip's 16-bit WAV encoding.
   *
   * @param name a name for records, not blank
   * @param noise the recording, not silent
   * @param sampleRate the rate to hold it at
   * @return the bank
   * @throws IllegalArgumentException if the name is blank, the rate out of range or the noise
   *     silent
   */
  public static NoiseBank of(String name, AudioClip noise, int sampleRate) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noise, "noise");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    checkRate(sampleRate);
    byte[] bytes = Wav.encode(noise, dev.ciclo.augment.audio.SampleFormat.PCM_16);
    return new NoiseBank(
        sampleRate, List.of(checked(name, sha256(bytes), Resampler.resample(noise, sampleRate))));
  }

  private static Noise checked(String name, String sha, AudioClip clip) {
    if (clip.length() == 0 || clip.rms() == 0) {
      throw new IllegalArgumentException(
          "noise " + name + " must not be silent or empty but had " + clip.length()
              + " samples with rms " + clip.rms());
    }
    return new Noise(name, sha, clip);
  }

  private static void checkRate(int sampleRate) {
    if (sampleRate < 1 || sampleRate > AudioClip.MAX_SAMPLE_RATE) {
      throw new IllegalArgumentException("sampleRate must be between 1 and "
          + AudioClip.MAX_SAMPLE_RATE + " Hz but was " + sampleRate);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The rate the noise is held at.
   *
   * @return Hz
   */
  public int sampleRate() {
    return sampleRate;
  }

  /**
   * How many recordings the bank holds.
   *
   * @return at least 1
   */
  public int size() {
    return noises.size();
  }

  /**
   * The recordings' names (file names), in order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return noises.stream().map(n -> n.name).toList();
  }

  /**
   * The SHA-256 of a recording's file, as 64 hex digits.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the hash
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public String sha256(int index) {
    return noises.get(index).sha256;
  }

  /**
   * A recording as a clip at the bank's rate.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the clip the bank holds (clips are immutable)
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public AudioClip clip(int index) {
    return noises.get(index).clip;
  }

  Noise noise(int index) {
    return noises.get(index);
  }

  @Override
  public String toString() {
    return "NoiseBank[" + names() + " at " + sampleRate + " Hz]";
  }
}
