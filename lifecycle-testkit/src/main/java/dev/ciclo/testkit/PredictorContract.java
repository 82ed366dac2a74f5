package dev.ciclo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Predictor} keeps: answers that depend only on the input, batch
 * answers equal to single ones, thread-safety, metadata, and a clear error for a null input.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public abstract class PredictorContract<X, Y> {
  /** For subclasses. */
  protected PredictorContract() {}

  /**
   * Makes the predictor under test.
   *
   * @return a ready predictor
   */
  protected abstract Predictor<X, Y> newPredictor();

  /**
   * Inputs the predictor accepts; at least two, ideally with different answers.
   *
   * @return the inputs
   */
  protected abstract List<X> validInputs();

  @Test
  @DisplayName("the same input gives the same prediction every time")
  void sameInputSameAnswer() {
    Predictor<X, Y> p = newPredictor();
    for (X x : validInputs()) {
      Prediction<Y> first = p.predict(x);
      assertNotNull(first, "predict must never return null");
      assertEquals(first, p.predict(x), "predict(" + x + ") changed between calls");
    }
  }

  @Test
  @DisplayName("batch prediction equals one prediction per input, in order")
  void batchEqualsSingles() {
    Predictor<X, Y> p = newPredictor();
    List<X> inputs = validInputs();
    List<Prediction<Y>> batch = p.predictBatch(inputs);
    assertEquals(inputs.size(), batch.size(), "one prediction per input");
    for (int i = 0; i < inputs.size(); i++) {
      assertEquals(p.predict(inputs.get(i)), batch.get(i), "batch answer " + i);
    }
  }

  @Test
  @DisplayName("an empty batch gives an empty list")
  void emptyBatch() {
    assertEquals(List.of(), newPredictor().predictBatch(List.of()));
  }

  @Test
  @DisplayName("concurrent callers get the same answers as a single caller")
  void threadSafe() throws Exception {
    Predictor<X, Y> p = newPredictor();
    List<X> inputs = validInputs();
    List<Prediction<Y>> expected = new ArrayList<>();
    for (X x : inputs) {
      expected.add(p.predict(x));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Prediction<Y>>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Prediction<Y>> out = new ArrayList<>();
                  for (int r = 0; r < 25; r++) {
                    out.clear();
                    for (X x : inputs) {
                      out.add(p.predict(x));
                    }
                  }
                  return out;
                }));
      }
      for (Future<List<Prediction<Y>>> f : futures) {
        assertEquals(expected, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("metadata names the model, its version and framework")
  void metadata() {
    ModelMetadata m = newPredictor().metadata();
    assertNotNull(m, "metadata must not be null");
    assertFalse(m.name().isBlank());
    assertFalse(m.version().isBlank());
    assertFalse(m.framework().isBlank());
  }

  @Test
  @DisplayName("a null input is refused with a NullPointerException")
  void nullInput() {
    Predictor<X, Y> p = newPredictor();
    assertThrows(NullPointerException.class, () -> p.predict(null));
    List<X> withNull = new ArrayList<>(validInputs());
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> p.predictBatch(withNull));
  }
}
