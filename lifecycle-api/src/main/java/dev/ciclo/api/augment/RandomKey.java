package dev.ciclo.api.augment;

import dev.ciclo.api.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The key of a random stream: (seed, example id, epoch). Augmenting example {@code id} in epoch
 * {@code e} under seed {@code s} always draws the same numbers, whatever the thread or the order
 * in which examples are processed.
 *
 * @param seed the run's seed
 * @param exampleId the example's id, not blank
 * @param epoch the epoch (or copy number), not negative
 */
public record RandomKey(long seed, String exampleId, int epoch) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the id is blank or the epoch negative
   */
  public RandomKey {
    Checks.notBlank(exampleId, "exampleId");
    Checks.notNegative(epoch, "epoch");
  }

  /**
   * A new generator for this key: equal keys give generators that draw equal sequences.
   *
   * @return a fresh generator, for use on one thread
   */
  public RandomGenerator generator() {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (byte b : exampleId.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    h = mix(h ^ ((long) epoch << 32 | 0x5bd1e995L));
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) + 0x9E3779B97F4A7C15L;
  }
}
