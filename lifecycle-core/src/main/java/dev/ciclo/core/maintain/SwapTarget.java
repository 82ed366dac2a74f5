package dev.ciclo.core.maintain;

import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;

/**
 * What the {@link MaintenanceLoop} needs from whatever serves the model: swap to the version a
 * registry alias names, show a challenger a copy of the live traffic, and say which version
 * serves now. {@code dev.ciclo.serve.InferenceServer} (module {@code lifecycle-serve})
 * implements it, so core depends on no server. Implementations are thread-safe.
 */
public interface SwapTarget {
  /**
   * Serves the version a registry alias points to, with no failed request; a failure leaves
   * the running model in service.
   *
   * @param modelName the served model's name, also its name in the registry
   * @param registry the registry
   * @param alias the alias, such as {@code champion}
   * @return the version now served
   * @throws IllegalArgumentException if no model of that name is served or the alias is not set
   * @throws dev.ciclo.api.CicloException if loading or warm-up fails
   */
  ModelVersion swapTo(String modelName, ModelRegistry registry, String alias);

  /**
   * Sets a challenger that sees a copy of the model's live traffic and is logged under its own
   * version, never answering a client; {@code null} stops shadowing.
   *
   * @param modelName the served model's name
   * @param challenger the challenger, or {@code null}
   * @throws IllegalArgumentException if no model of that name is served
   */
  void shadow(String modelName, Predictor<?, ?> challenger);

  /**
   * The version a model serves now.
   *
   * @param modelName the served model's name
   * @return the version
   * @throws IllegalArgumentException if no model of that name is served
   */
  String servedVersion(String modelName);
}
