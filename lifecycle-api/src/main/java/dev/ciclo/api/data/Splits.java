package dev.ciclo.api.data;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A train/dev/test split of one dataset.
 *
 * <p>The training set fits the model, the dev set chooses between models and drives error
 * analysis, the test set is looked at last. Splitters that promise group-awareness guarantee
 * {@link #sharedGroups()} is empty.
 *
 * @param train the training set
 * @param dev the development (validation) set
 * @param test the test set; may be empty when a splitter makes only two parts
 * @param <X> the input type
 * @param <Y> the target type
 */
public record Splits<X, Y>(Dataset<X, Y> train, Dataset<X, Y> dev, Dataset<X, Y> test) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any part is null
   */
  public Splits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(test, "test");
  }

  /**
   * The groups that appear in more than one part: empty for a group-aware split.
   *
   * @return the shared groups
   */
  public Set<String> sharedGroups() {
    Set<String> shared = new HashSet<>();
    Set<String> t = train.groups();
    Set<String> d = dev.groups();
    Set<String> s = test.groups();
    for (String g : t) {
      if (d.contains(g) || s.contains(g)) {
        shared.add(g);
      }
    }
    for (String g : d) {
      if (s.contains(g)) {
        shared.add(g);
      }
    }
    return Set.copyOf(shared);
  }
}
