package dev.ciclo.bench.augment;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.augment.features.SpectralConfig;
import dev.ciclo.augment.features.Spectrogram;
import dev.ciclo.augment.features.SpeechFeatures;
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
 * MFCC of one-second 8 kHz clips (default configuration: 99 frames of 200 samples, FFT 256, 40
 * mel bands, 13 coefficients) with JTransforms, against the same pipeline with a naive DFT
 * (precomputed twiddles, the baseline) and with a hand-written radix-2 FFT (the peer that
 * JTransforms must beat to be worth a dependency). Goal: 1,000 clips/s per core or more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MfccBench {
  private List<AudioClip> clips;
  private SpeechFeatures features;
  private MfccSummary summary;
  private NaiveMfcc naive;
  private NaiveMfcc radix2;
  private int next;

  /** Loads 64 one-second clips and builds the extractors. */
  @Setup
  public void setUp() {
    clips = Clips.oneSecondClips(64);
    features = new SpeechFeatures(SpectralConfig.defaults());
    summary = MfccSummary.builder().build();
    naive = new NaiveMfcc(SpectralConfig.defaults(), false);
    radix2 = new NaiveMfcc(SpectralConfig.defaults(), true);
  }

  private AudioClip nextClip() {
    next = (next + 1) & 63;
    return clips.get(next);
  }

  /**
   * MFCC with the JTransforms FFT.
   *
   * @return the MFCC matrix
   */
  @Benchmark
  public Spectrogram mfccFft() {
    return features.mfcc(nextClip());
  }

  /**
   * MFCC plus the mean/std/delta summary vector (what a classifier consumes).
   *
   * @return the feature vector
   */
  @Benchmark
  public FeatureVector mfccSummary() {
    return summary.extract(nextClip());
  }

  /**
   * Baseline: the same MFCC with a naive DFT.
   *
   * @return the MFCC matrix as rows
   */
  @Benchmark
  public double[][] mfccNaiveDft() {
    return naive.mfcc(nextClip());
  }

  /**
   * Peer: the same MFCC with a hand-written radix-2 FFT.
   *
   * @return the MFCC matrix as rows
   */
  @Benchmark
  public double[][] mfccRadix2() {
    return radix2.mfcc(nextClip());
  }
}
