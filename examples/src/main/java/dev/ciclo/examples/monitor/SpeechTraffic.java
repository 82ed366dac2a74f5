package dev.ciclo.examples.monitor;

import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A seeded stream of requests from a mobile app. Before the change, users the model knows say
 * digits in an everyday street: half the clips clean, half with street noise at 10 to 25 dB SNR.
 * After it, half the requests come from a speaker the model has never met, and every clip has
 * louder, other street noise at 0 to 5 dB. Request {@code i} is a pure function of (seed, i,
 * changed). Immutable and thread-safe.
 */
public final class SpeechTraffic {
  private final Dataset<AudioClip, String> known;
  private final Dataset<AudioClip, String> newcomer;
  private final Augmenter<AudioClip> everyday;
  private final Augmenter<AudioClip> loud;
  private final long seed;

  /**
   * One request.
   *
   * @param id the request id
   * @param clip the clip the app sends
   * @param digit the digit said (what feedback would say)
   * @param speaker who said it
   * @param changed whether it comes from the changed world
   */
  public record Request(String id, AudioClip clip, String digit, String speaker,
      boolean changed) {}

  /**
   * Makes the stream.
   *
   * @param known the clips of users the model knows, not empty
   * @param newcomer the new speaker's clips, not empty
   * @param everydayNoise the usual street noise
   * @param loudNoise the other, louder street noise after the change
   * @param seed the seed
   * @throws IllegalArgumentException if a dataset is empty
   */
  public SpeechTraffic(Dataset<AudioClip, String> known, Dataset<AudioClip, String> newcomer,
      NoiseBank everydayNoise, NoiseBank loudNoise, long seed) {
    this.known = nonEmpty(known, "known");
    this.newcomer = nonEmpty(newcomer, "newcomer");
    this.everyday = BackgroundNoise.builder(everydayNoise).snrDb(10, 25).build();
    this.loud = BackgroundNoise.builder(loudNoise).snrDb(0, 5).build();
    this.seed = seed;
  }

  private static Dataset<AudioClip, String> nonEmpty(Dataset<AudioClip, String> d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return d;
  }

  /**
   * Request number {@code i}.
   *
   * @param prefix the request id's prefix, for example {@code "ref"} or {@code "live"}
   * @param i the request's number
   * @param changed whether the world has changed
   * @return the request
   */
  public Request request(String prefix, int i, boolean changed) {
    RandomGenerator g = new RandomKey(seed, prefix + "-" + i, changed ? 1 : 0).generator();
    Dataset<AudioClip, String> pool = changed && g.nextBoolean() ? newcomer : known;
    Example<AudioClip, String> e = pool.get(g.nextInt(pool.size()));
    AudioClip clip = e.input();
    if (changed) {
      clip = loud.apply(clip, g).output();
    } else if (g.nextBoolean()) {
      clip = everyday.apply(clip, g).output();
    }
    return new Request(prefix + "-" + i, clip, e.target(), e.group(), changed);
  }
}
