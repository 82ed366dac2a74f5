package dev.ciclo.bench.augment;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.noise.BackgroundNoise;
import java.util.List;
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
 * clip's array, and decoding the clip from its 16-bit WAV bytes in memory. Goal: mixing within 3x
 * of the copy.
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
  private int next;
  private long counter;

  /** Loads 64 one-second clips and the noise bank. */
  @Setup
  public void setUp() {
    clips = Clips.oneSecondClips(64);
    wavs = clips.stream().map(c -> Wav.encode(c, SampleFormat.PCM_16)).toList();
    arrays = clips.stream().map(AudioClip::samples).toList();
    mix = BackgroundNoise.builder(Clips.streetCars()).snrDb(0, 10).build();
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
   * Context, not a baseline: making a clip from an array, which every mix does once for its
   * output ({@code AudioClip.of} copies, checks every sample is finite and sums the energy for
   * {@code rms()}). It bounds from below what any mix can cost.
   *
   * @return the clip
   */
  @Benchmark
  public AudioClip makeClip() {
    next = (next + 1) & 63;
    return AudioClip.of(arrays.get(next), 8000);
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
