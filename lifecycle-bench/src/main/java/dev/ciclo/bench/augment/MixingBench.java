package dev.ciclo.bench.augment;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Background-noise mixing at an SNR (street-cars.wav into FSDD digits, 0-10 dB, with the full
 * record and measured SNR) against two baselines of reading the samples: a plain copy of the
 * clip's array ({@code copySamples}), and decoding the clip from its 16-bit WAV bytes in memory
 * ({@code decodeWav}). Goal: {@code mixAtSnr} within 3x of {@code copySamples}.
 *
 * <p>Two cases are context, not baselines: {@code makeClip} ({@code AudioClip.of}: a copy plus a
 * pass that checks and measures the samples) and {@code plus} ({@code AudioClip.plus} alone: the
 * sample arithmetic of a mix, a copy of the noise segment and one pass adding the clip). A mix is
 * {@code plus} plus drawing its parameters from a keyed stream, the gain from stored energies, one
 * pass summing the noise segment for the measured SNR, and the record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MixingBench {
  private List<AudioClip> clips;
  private List<byte[]> wavs;
  private List<float[]> arrays;
  private BackgroundNoise mix;
  private AudioClip noise;
  private int[] offsets;
  private int next;
  private long counter;

  /** Loads 64 one-second clips and the noise bank, and draws 64 offsets into the noise. */
  @Setup
  public void setUp() {
    clips = Clips.oneSecondClips(64);
    wavs = clips.stream().map(c -> Wav.encode(c, SampleFormat.PCM_16)).toList();
    arrays = clips.stream().map(AudioClip::samples).toList();
    NoiseBank bank = Clips.streetCars();
    mix = BackgroundNoise.builder(bank).snrDb(0, 10).build();
    noise = bank.clip(0);
    SplittableRandom r = new SplittableRandom(42);
    offsets = r.ints(64, 0, noise.length() - 8000 + 1).toArray();
  }

  private AudioClip nextClip() {
    next = (next + 1) & 63;
    return clips.get(next);
  }

  /**
   * Baseline: read the clip's samples into a new array.
   *
   * @return the copy
   */
  @Benchmark
  public float[] copySamples() {
    return nextClip().samples();
  }

  /**
   * Second baseline: read the samples from the clip's 16-bit WAV bytes (in memory).
   *
   * @return the decoded clip
   */
  @Benchmark
  public AudioClip decodeWav() {
    next = (next + 1) & 63;
    return Wav.decode(wavs.get(next), "bench.wav");
  }

  /**
   * Context: making a clip from an array ({@code AudioClip.of} copies, checks every sample is
   * finite and sums the energy for {@code rms()}); a mix does not (its output comes from plus).
   *
   * @return the clip
   */
  @Benchmark
  public AudioClip makeClip() {
    next = (next + 1) & 63;
    return AudioClip.of(arrays.get(next), 8000);
  }

  /**
   * Context: the sample arithmetic of a mix alone, {@code clip.plus(noise, offset, gain)} at an
   * offset into the noise that changes with every call (64 drawn offsets in turn).
   *
   * @return the sum
   */
  @Benchmark
  public AudioClip plus() {
    AudioClip clip = nextClip();
    return clip.plus(noise, offsets[next], 0.3);
  }

  /**
   * Mix noise at an SNR drawn from 0-10 dB, with its own keyed stream and record.
   *
   * @return the mixed clip and record
   */
  @Benchmark
  public Augmented<AudioClip> mixAtSnr() {
    return mix.apply(nextClip(), new RandomKey(42, "clip", (int) (counter++ & 0xFFFF)).generator());
  }
}
