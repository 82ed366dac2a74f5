package dev.ciclo.core.maintain;

import dev.ciclo.api.log.PredictionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a maintenance cycle gets the inputs of the log records it trains and measures on, when
 * they are not read one by one from the log. By default the loop reads each record's raw input
 * with {@code PredictionLog.payload} and decodes it with the builder's decoder; a host whose
 * inputs are made in bulk elsewhere (lifecycle-spark's feature extraction over a large log's raw
 * inputs, for example) supplies them here, in one call per cycle.
 *
 * <p><b>Call order.</b> Once per cycle, on the cycle's thread, after the loop has read the
 * cycle's log window and joined it with the labels, before anything is trained. The loop asks
 * only for records it would use: of its model, in the window, one per request id, with training
 * consent, a raw input reference and a label.
 *
 * <p><b>The answer.</b> For each asked request id, exactly one of: its input in {@link
 * Inputs#inputs()}; its id in {@link Inputs#undecodable()} (the raw input was read but did not
 * decode); or neither, when the raw input is missing, damaged or erased. The loop counts the
 * last two as its own reading counts them ({@code undecodable}, {@code withoutPayload}) and
 * leaves them out; it ignores answers for ids it did not ask for. A source that throws fails the
 * cycle (nothing is trained or registered).
 *
 * @param <X> the model's input type
 */
@FunctionalInterface
public interface TrainingInputs<X> {
  /**
   * The inputs of a cycle's records.
   *
   * @param modelName the loop's model
   * @param from the window's start, inclusive
   * @param to the window's end, exclusive
   * @param records the records whose inputs the loop needs, in the order the log read them
   * @return the inputs found and the ids that did not decode
   */
  Inputs<X> inputs(String modelName, Instant from, Instant to, List<PredictionRecord> records);

  /**
   * A source's answer.
   *
   * @param inputs the input of each request id that has one, no null values
   * @param undecodable the request ids whose raw input was read but did not decode
   * @param <X> the input type
   */
  record Inputs<X>(Map<String, X> inputs, Set<String> undecodable) {
    /**
     * Checks and copies.
     *
     * @throws NullPointerException if a part, a key or a value is null
     * @throws IllegalArgumentException if an id is both an input and undecodable
     */
    public Inputs {
      inputs = Map.copyOf(Objects.requireNonNull(inputs, "inputs"));
      undecodable = Set.copyOf(Objects.requireNonNull(undecodable, "undecodable"));
      for (String id : undecodable) {
        if (inputs.containsKey(id)) {
          throw new IllegalArgumentException("request id '" + id
              + "' must not be both an input and undecodable");
        }
      }
    }
  }
}
