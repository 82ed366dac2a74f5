package dev.ciclo.api.predict;

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
 *     {@link Scores#empty()} when the model gives none
 * @param <Y> the target type
 */
public record Prediction<Y>(Y value, Scores scores) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public Prediction {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(scores, "scores");
  }

  /**
   * A prediction with scores copied from a map, in its iteration order.
   *
   * @param value the predicted value, not null
   * @param scores a score per label, each finite
   * @throws NullPointerException if an argument, a label or a score is null
   * @throws IllegalArgumentException if a score is NaN or infinite
   */
  public Prediction(Y value, Map<String, Double> scores) {
    this(value, Scores.of(scores));
  }

  /**
   * A prediction with no scores.
   *
   * @param value the predicted value
   * @param <Y> the target type
   * @return the prediction
   * @throws NullPointerException if {@code value} is null
   */
  public static <Y> Prediction<Y> of(Y value) {
    return new Prediction<>(value, Scores.empty());
  }

  /**
   * The score of the predicted value, when the model gives scores.
   *
   * @return the score of {@code value.toString()}, or empty
   */
  public OptionalDouble confidence() {
    return scores.score(value.toString());
  }
}
