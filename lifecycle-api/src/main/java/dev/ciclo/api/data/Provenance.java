package dev.ciclo.api.data;

import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a dataset came from and what was done to it since.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the kind of source (for example {@code "csv"}, {@code "audio-folder"},
 *     {@code "in-memory"}), not blank
 * @param location the path, URI or name of the source; empty when there is none
 * @param sourceRows how many rows or files the source held when it was read, not negative
 * @param steps the transformations applied since, oldest first (for example
 *     {@code "filter: speaker != theo"})
 */
public record Provenance(String source, String location, long sourceRows, List<String> steps) {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any argument or step is null
   * @throws IllegalArgumentException if {@code source} is blank or {@code sourceRows} negative
   */
  public Provenance {
    Checks.notBlank(source, "source");
    Objects.requireNonNull(location, "location");
    Checks.notNegative(sourceRows, "sourceRows");
    steps = List.copyOf(steps);
  }

  /**
   * Provenance of examples built in memory by the host.
   *
   * @param rows how many examples were given
   * @return a provenance with source {@code "in-memory"} and no steps
   */
  public static Provenance inMemory(long rows) {
    return new Provenance("in-memory", "", rows, List.of());
  }

  /**
   * Returns a copy with one more step at the end.
   *
   * @param step what was done, not blank
   * @return the extended provenance
   * @throws IllegalArgumentException if {@code step} is blank
   */
  public Provenance withStep(String step) {
    Checks.notBlank(step, "step");
    List<String> next = new ArrayList<>(steps);
    next.add(step);
    return new Provenance(source, location, sourceRows, next);
  }
}
