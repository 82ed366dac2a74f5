package dev.ciclo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Augmenter} keeps: the same key gives the same output and record on
 * any thread, the input is not modified, and null arguments are refused.
 *
 * @param <X> the input type
 */
public abstract class AugmenterContract<X> {
  /** For subclasses. */
  protected AugmenterContract() {}

  /**
   * Makes the augmenter under test.
   *
   * @return the augmenter
   */
  protected abstract Augmenter<X> newAugmenter();

  /**
   * Inputs to augment; at least one.
   *
   * @return the inputs
   */
  protected abstract List<X> inputs();

  /**
   * A copy of an input that can be compared with {@code equals} to detect changes. The default
   * returns the input itself, which suits immutable input types.
   *
   * @param input the input
   * @return a snapshot of it
   */
  protected Object snapshot(X input) {
    return input;
  }

  /**
   * Whether two outputs are equal. The default uses {@code equals}.
   *
   * @param a one output
   * @param b another output
   * @return {@code true} if equal
   */
  protected boolean sameOutput(X a, X b) {
    return a.equals(b);
  }

  private void assertSame(Augmented<X> a, Augmented<X> b, String what) {
    assertEquals(a.record(), b.record(), what + ": records differ");
    org.junit.jupiter.api.Assertions.assertTrue(
        sameOutput(a.output(), b.output()), what + ": outputs differ");
  }

  @Test
  @DisplayName("the same random key gives the same output and the same record")
  void deterministicPerKey() {
    Augmenter<X> aug = newAugmenter();
    int i = 0;
    for (X x : inputs()) {
      RandomKey key = new RandomKey(1234, "ex-" + i++, 0);
      Augmented<X> a = aug.apply(x, key.generator());
      assertNotNull(a);
      assertSame(a, aug.apply(x, key.generator()), "input " + x);
    }
  }

  @Test
  @DisplayName("outputs do not depend on the number of threads")
  void sameOnManyThreads() throws Exception {
    Augmenter<X> aug = newAugmenter();
    List<X> in = inputs();
    List<Augmented<X>> expected = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      expected.add(aug.apply(in.get(i), new RandomKey(99, "ex-" + i, 3).generator()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Augmented<X>>> futures = new ArrayList<>();
      for (int rep = 0; rep < 4; rep++) {
        for (int i = in.size() - 1; i >= 0; i--) {
          int idx = i;
          futures.add(
              pool.submit(
                  () -> aug.apply(in.get(idx), new RandomKey(99, "ex-" + idx, 3).generator())));
        }
      }
      for (int k = 0; k < futures.size(); k++) {
        int idx = in.size() - 1 - (k % in.size());
        assertSame(expected.get(idx), futures.get(k).get(60, TimeUnit.SECONDS), "thread run " + k);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the input is not modified")
  void inputUnchanged() {
    Augmenter<X> aug = newAugmenter();
    for (X x : inputs()) {
      Object before = snapshot(x);
      aug.apply(x, new RandomKey(5, "x", 0).generator());
      assertEquals(before, snapshot(x), "augmenter modified its input");
    }
  }

  @Test
  @DisplayName("null input or generator is refused with a NullPointerException")
  void refusesNull() {
    Augmenter<X> aug = newAugmenter();
    RandomGenerator r = new RandomKey(1, "x", 0).generator();
    assertThrows(NullPointerException.class, () -> aug.apply(null, r));
    assertThrows(NullPointerException.class, () -> aug.apply(inputs().get(0), null));
  }
}
