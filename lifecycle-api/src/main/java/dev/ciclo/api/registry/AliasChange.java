package dev.ciclo.api.registry;

import dev.ciclo.api.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One move of an alias from a version to another.
 *
 * @param modelName the model's name, not blank
 * @param alias the alias (for example {@code "champion"}), not blank
 * @param previousVersion the version it pointed to before, or 0 when it was new
 * @param newVersion the version it points to now, from 1
 * @param at when it moved
 * @param reason why (for example {@code "promoted: +4.1 points on dev"}), not blank
 */
public record AliasChange(
    String modelName, String alias, int previousVersion, int newVersion, Instant at, String reason) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public AliasChange {
    Checks.notBlank(modelName, "modelName");
    Checks.notBlank(alias, "alias");
    Checks.notNegative(previousVersion, "previousVersion");
    if (newVersion < 1) {
      throw new IllegalArgumentException("newVersion must be at least 1 but was " + newVersion);
    }
    Objects.requireNonNull(at, "at");
    Checks.notBlank(reason, "reason");
  }

  /**
   * Whether the alias existed before this change.
   *
   * @return {@code previousVersion > 0}
   */
  public boolean hadPrevious() {
    return previousVersion > 0;
  }
}
