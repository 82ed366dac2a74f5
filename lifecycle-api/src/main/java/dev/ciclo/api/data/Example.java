package dev.ciclo.api.data;

import dev.ciclo.api.internal.Checks;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One labelled example: an input, its target, and what is known about it.
 *
 * <p>The {@code group} is what must never be split across train and test (for speech, the
 * speaker); an example with no natural group is its own group ({@link #of} uses the id). Tags
 * name slices ({@code "car-noise"}); metadata holds other facts as text ({@code "snrDb" -> "5"}).
 * Ids need not be unique within a dataset: an augmented copy keeps its source's id and group.
 *
 * <p>Immutable when {@code X} and {@code Y} are; collections are copied.
 *
 * @param id the example's id, not blank
 * @param input the input, not null
 * @param target the target (label or value), not null
 * @param group the group the example belongs to, not blank
 * @param tags the slices the example belongs to, no blank tag
 * @param metadata other facts about the example, by name
 * @param <X> the input type
 * @param <Y> the target type
 */
public record Example<X, Y>(
    String id, X input, Y target, String group, Set<String> tags, Map<String, String> metadata) {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any argument, tag, key or value is null
   * @throws IllegalArgumentException if the id, group or a tag is blank
   */
  public Example {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(target, "target");
    Checks.notBlank(group, "group");
    tags = Set.copyOf(tags);
    for (String tag : tags) {
      Checks.notBlank(tag, "tag");
    }
    metadata = Map.copyOf(metadata);
  }

  /**
   * An example that is its own group, with no tags and no metadata.
   *
   * @param id the id, not blank
   * @param input the input
   * @param target the target
   * @param <X> the input type
   * @param <Y> the target type
   * @return the example
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static <X, Y> Example<X, Y> of(String id, X input, Y target) {
    return new Example<>(id, input, target, id, Set.of(), Map.of());
  }

  /**
   * Returns a copy in another group.
   *
   * @param newGroup the group, not blank
   * @return the copy
   */
  public Example<X, Y> withGroup(String newGroup) {
    return new Example<>(id, input, target, newGroup, tags, metadata);
  }

  /**
   * Returns a copy with more tags.
   *
   * @param more the tags to add, not blank
   * @return the copy
   */
  public Example<X, Y> withTags(String... more) {
    Set<String> next = new HashSet<>(tags);
    next.addAll(Set.of(more));
    return new Example<>(id, input, target, group, next, metadata);
  }

  /**
   * Returns a copy with one metadata entry added or replaced.
   *
   * @param key the name, not null
   * @param value the value, not null
   * @return the copy
   */
  public Example<X, Y> withMetadata(String key, String value) {
    Map<String, String> next = new LinkedHashMap<>(metadata);
    next.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new Example<>(id, input, target, group, tags, next);
  }

  /**
   * Returns a copy with another input and everything else kept.
   *
   * @param newInput the input, not null
   * @param <Z> the new input type
   * @return the copy
   */
  public <Z> Example<Z, Y> withInput(Z newInput) {
    return new Example<>(id, newInput, target, group, tags, metadata);
  }

  /**
   * Returns a copy whose input is {@code f} applied to this input.
   *
   * @param f the function, not null; must not return null
   * @param <Z> the new input type
   * @return the copy
   */
  public <Z> Example<Z, Y> mapInput(Function<? super X, ? extends Z> f) {
    return withInput(f.apply(input));
  }

  /**
   * Whether the example carries a tag.
   *
   * @param tag the tag
   * @return {@code true} if it does
   */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }
}
