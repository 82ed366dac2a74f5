package dev.ciclo.core.maintain;

import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's book of training recipes. A challenger is trained with the champion's recipe: the
 * trainer whose {@link Trainer#name()} and {@link Trainer#parameters()} equal the champion run
 * record's {@link RunRecord#trainer()} and {@link RunRecord#parameters()}, with the record's
 * seed. Trainers are code (their feature extractors too), so the host supplies them; the record
 * says which one.
 *
 * <pre>{@code
 * Recipes<FeatureVector, String> recipes = Recipes.of(List.of(
 *     TribuoClassifiers.logisticRegression(FeatureExtractor.identity(), 10)));
 * }</pre>
 *
 * <p>Generic in the label type {@code Y}: a loop over {@code Integer} or enum labels takes a
 * book of {@code Trainer<X, Integer>} or {@code Trainer<X, MyEnum>}.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
@FunctionalInterface
public interface Recipes<X, Y> {
  /**
   * The trainer a run record names.
   *
   * @param trainer the trainer's name as recorded
   * @param parameters its parameters as recorded
   * @return the trainer, or empty when the book has no such recipe
   */
  Optional<Trainer<X, Y>> find(String trainer, Map<String, String> parameters);

  /**
   * A book of trainers, found by exact name and parameters. Immutable and thread-safe.
   *
   * @param trainers the trainers, at least one, no two with the same name and parameters
   * @param <X> the input type
   * @param <Y> the label type
   * @return the book
   * @throws IllegalArgumentException if the list is empty or two trainers are the same recipe
   */
  static <X, Y> Recipes<X, Y> of(List<? extends Trainer<X, Y>> trainers) {
    List<Trainer<X, Y>> all = List.copyOf(trainers);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("trainers must not be empty");
    }
    for (int i = 0; i < all.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (all.get(i).name().equals(all.get(j).name())
            && all.get(i).parameters().equals(all.get(j).parameters())) {
          throw new IllegalArgumentException("trainers " + j + " and " + i
              + " are the same recipe: " + all.get(i).name() + " " + all.get(i).parameters());
        }
      }
    }
    return (name, parameters) -> {
      Objects.requireNonNull(name, "trainer");
      Objects.requireNonNull(parameters, "parameters");
      return all.stream()
          .filter(t -> t.name().equals(name) && t.parameters().equals(parameters))
          .findFirst();
    };
  }
}
