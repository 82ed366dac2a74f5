package dev.ciclo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FeatureExtractor} keeps: the same input gives the same vector, the
 * names it announces without an input ({@link FeatureExtractor#featureNames()}) are the names of
 * every vector it extracts, it is thread-safe, it describes itself, and a null input is refused.
 *
 * @param <X> the input type
 */
public abstract class FeatureExtractorContract<X> {
  /** For subclasses. */
  protected FeatureExtractorContract() {}

  /**
   * Makes the extractor under test.
   *
   * @return the extractor
   */
  protected abstract FeatureExtractor<X> newExtractor();

  /**
   * Inputs the extractor accepts; at least two, ideally different in kind (short, long, quiet).
   *
   * @return the inputs
   */
  protected abstract List<X> validInputs();

  /**
   * Whether the extractor's names are fixed and known without an input; when true, {@link
   * FeatureExtractor#featureNames()} must be present. Default true.
   *
   * @return whether the names are fixed
   */
  protected boolean namesAreFixed() {
    return true;
  }

  @Test
  @DisplayName("the same input gives the same vector every time")
  void deterministic() {
    FeatureExtractor<X> f = newExtractor();
    for (X x : validInputs()) {
      FeatureVector first = f.extract(x);
      assertNotNull(first, "extract must never return null");
      assertEquals(first, f.extract(x), "extract changed between calls");
    }
  }

  @Test
  @DisplayName("the names known without an input are the names of every extracted vector")
  void namesWithoutInput() {
    FeatureExtractor<X> f = newExtractor();
    Optional<List<String>> names = f.featureNames();
    assertNotNull(names, "featureNames must not return null");
    if (namesAreFixed()) {
      assertTrue(names.isPresent(), "an extractor with fixed names must announce them");
    }
    if (names.isPresent()) {
      assertFalse(names.get().isEmpty(), "announced names must not be empty");
      for (X x : validInputs()) {
        assertEquals(names.get(), f.extract(x).names(),
            "the vector's names differ from featureNames()");
      }
    }
  }

  @Test
  @DisplayName("concurrent callers get the same vectors as a single caller")
  void threadSafe() throws Exception {
    FeatureExtractor<X> f = newExtractor();
    List<X> inputs = validInputs();
    List<FeatureVector> expected = new ArrayList<>();
    for (X x : inputs) {
      expected.add(f.extract(x));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<FeatureVector>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<FeatureVector> got = new ArrayList<>();
          for (int rep = 0; rep < 5; rep++) {
            for (X x : inputs) {
              got.add(f.extract(x));
            }
          }
          return got;
        }));
      }
      for (Future<List<FeatureVector>> fu : futures) {
        List<FeatureVector> got = fu.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < got.size(); i++) {
          assertEquals(expected.get(i % inputs.size()), got.get(i), "vector " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("describe() is not blank")
  void describes() {
    String d = newExtractor().describe();
    assertNotNull(d);
    assertFalse(d.isBlank(), "describe() must not be blank");
  }

  @Test
  @DisplayName("a null input is refused with a NullPointerException")
  void nullInput() {
    assertThrows(NullPointerException.class, () -> newExtractor().extract(null));
  }
}
