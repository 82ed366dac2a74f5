package dev.ciclo.api.predict;

import dev.ciclo.api.internal.Checks;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One prediction: the predicted value and, for classifiers that give them, a score per label.
 *
 * <p>Immutable when {@code Y} is.
 *
 * @param value the predicted value (label or number), not null
 * @param scores a score per label (probabilities for probabilistic classifiers), each finite;
 *     empty when the model gives none
 * @param <Y> the target type
 */
public record Prediction<Y>(Y value, Map<String, Double> scores) {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument or a score is null
   * @throws IllegalArgumentException if a score is NaN or infinite
   */
  public Prediction {
    Objects.requireNonNull(value, "value");
    scores = Checks.finiteValues(scores, "scores");
  }

  /**
   * A prediction with no scores.
   *
   * @param value the predicted value
   * @param <Y> the target type
   * @return the prediction
   */
  public static <Y> Prediction<Y> of(Y value) {
    return new Prediction<>(value, Map.of());
  }

  /**
   * The score of the predicted value, when the model gives scores.
   *
   * @return the score of {@code value.toString()}, or empty
   */
  public OptionalDouble confidence() {
    Double s = scores.get(value.toString());
    return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
  }
}
