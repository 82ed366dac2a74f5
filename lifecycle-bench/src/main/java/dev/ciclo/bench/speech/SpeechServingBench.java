package dev.ciclo.bench.speech;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.bench.augment.Clips;
import dev.ciclo.speech.SpeechRecipe;
import dev.ciclo.speech.VoiceActivity;
import java.util.ArrayList;
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
 * What the server does with a one-second 8 kHz clip under the speech recipe, on one thread:
 * voice-activity detection alone, VAD plus the recipe's features, and the whole path (VAD,
 * features and the default ensemble of {@value SpeechRecipe#DEFAULT_MEMBERS} MLPs behind the
 * gate). Goal: the whole path at 1,000 clips/s per core or more. The clips are FSDD digits looped
 * to one second; {@link #vadNoise} runs the VAD on one-second pieces of street noise instead
 * (nobody speaks, so no voiced run stops the voicing search early). The model is trained for one
 * epoch on the benchmark's own clips: its weights do not change its speed.
 *
 * <p>Run: {@code java -jar lifecycle-bench/target/benchmarks.jar SpeechServingBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class SpeechServingBench {
  private List<AudioClip> clips;
  private List<AudioClip> noise;
  private SpeechRecipe recipe;
  private Predictor<AudioClip, String> served;
  private int next;

  /** Loads 64 one-second clips and trains a model of the recipe's shape on them. */
  @Setup
  public void setUp() {
    clips = Clips.oneSecondClips(64);
    noise = Clips.oneSecondNoise(64);
    recipe = SpeechRecipe.builder().epochs(1).progress(SpeechRecipe.Progress.OFF).build();
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      String label = i % 11 == 10 ? SpeechRecipe.NO_SPEECH : Integer.toString(i % 11);
      ex.add(Example.of("c" + i, recipe.features().extract(clips.get(i)), label));
    }
    served = recipe.onAudio(recipe.trainer().train(Dataset.of("bench", ex), 1));
  }

  private AudioClip nextClip() {
    next = (next + 1) & 63;
    return clips.get(next);
  }

  /**
   * Voice-activity detection only.
   *
   * @return the segment
   */
  @Benchmark
  public VoiceActivity.Segment vad() {
    return VoiceActivity.detect(nextClip());
  }

  /**
   * Voice-activity detection on street noise (nobody speaks).
   *
   * @return the segment
   */
  @Benchmark
  public VoiceActivity.Segment vadNoise() {
    next = (next + 1) & 63;
    return VoiceActivity.detect(noise.get(next));
  }

  /**
   * VAD and the recipe's features.
   *
   * @return the features
   */
  @Benchmark
  public FeatureVector features() {
    return recipe.features().extract(nextClip());
  }

  /**
   * VAD, features and the model: what one request costs.
   *
   * @return the answer
   */
  @Benchmark
  public String served() {
    return served.predict(nextClip()).value();
  }
}
