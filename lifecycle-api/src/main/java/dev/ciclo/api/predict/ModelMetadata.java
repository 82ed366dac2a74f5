package dev.ciclo.api.predict;

import dev.ciclo.api.internal.Checks;
import java.util.Map;

/**
 * What a served model is.
 *
 * @param name the model's name (for example {@code "digits"}), not blank
 * @param version its version (for example {@code "3"}), not blank; {@code "unregistered"} for a
 *     model that is not in a registry
 * @param framework what computes it (for example {@code "tribuo"}, {@code "nd4j"},
 *     {@code "host"}), not blank
 * @param properties anything else worth showing (trainer, features, data fingerprint)
 */
public record ModelMetadata(
    String name, String version, String framework, Map<String, String> properties) {

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a text is blank
   */
  public ModelMetadata {
    Checks.notBlank(name, "name");
    Checks.notBlank(version, "version");
    Checks.notBlank(framework, "framework");
    properties = Map.copyOf(properties);
  }
}
