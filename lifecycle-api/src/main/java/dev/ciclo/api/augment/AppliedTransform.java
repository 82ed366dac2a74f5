package dev.ciclo.api.augment;

import dev.ciclo.api.internal.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * One transform that was applied, with the parameters it drew and what it measured (for
 * background noise: the noise file, its SHA-256, the offset, the requested and the measured SNR).
 *
 * @param name the transform's name (for example {@code "background-noise"}), not blank
 * @param parameters values by name; each a {@link String}, {@link Number} or {@link Boolean},
 *     numbers finite
 */
public record AppliedTransform(String name, Map<String, Object> parameters) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument, key or value is null
   * @throws IllegalArgumentException if the name is blank or a value is of another type or a
   *     number is not finite
   */
  public AppliedTransform {
    Checks.notBlank(name, "name");
    parameters = Map.copyOf(parameters);
    parameters.forEach(
        (k, v) -> {
          if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw new IllegalArgumentException(
                "parameter '" + k + "' must be a String, Number or Boolean but was a "
                    + v.getClass().getName());
          }
          if (v instanceof Number n) {
            Checks.finite(n.doubleValue(), "parameter '" + k + "'");
          }
        });
  }

  /**
   * A numeric parameter.
   *
   * @param key the parameter's name
   * @return its value
   * @throws IllegalArgumentException if there is no such parameter or it is not a number
   */
  public double number(String key) {
    Object v = parameters.get(Objects.requireNonNull(key, "key"));
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          "transform " + name + " has no numeric parameter '" + key + "'; it has " + parameters);
    }
    return n.doubleValue();
  }
}
