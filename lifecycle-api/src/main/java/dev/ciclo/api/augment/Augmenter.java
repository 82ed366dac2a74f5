package dev.ciclo.api.augment;

import java.util.random.RandomGenerator;

/**
 * Makes a new input of the same kind from an input: a pure function of the input and a random
 * stream.
 *
 * <p>Every random choice is drawn from {@code random}, never from a global generator, so the same
 * input and an equal stream (see {@link RandomKey#generator()}) give the same output and the same
 * record. Implementations must not modify the input and must be thread-safe (the generator is
 * the only state, and each call gets its own).
 *
 * @param <X> the input type
 */
@FunctionalInterface
public interface Augmenter<X> {
  /**
   * Augments one input.
   *
   * @param input the input, not null, not modified
   * @param random the random stream to draw from, used on this thread only
   * @return the output and the record of what was done, never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the input cannot be augmented this way (for example, a
   *     clip at a sample rate the noise bank does not have)
   */
  Augmented<X> apply(X input, RandomGenerator random);
}
