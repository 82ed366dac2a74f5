package dev.ciclo.api.registry;

import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunRecord;
import java.util.List;
import java.util.Optional;

/**
 * Versions of models, their content hashes and their aliases.
 *
 * <p>Implementations are thread-safe, and every change is atomic: a reader sees an alias before
 * or after a move, never in between, and a crash leaves the registry readable.
 */
public interface ModelRegistry {
  /**
   * Stores a model as the next version of {@code modelName}.
   *
   * @param modelName the model's name, not blank
   * @param model the trained model
   * @param run the run that trained it
   * @return the new version
   * @throws IllegalArgumentException if the name is blank
   * @throws dev.ciclo.api.CicloException if the model cannot be written
   */
  ModelVersion register(String modelName, Model<?, ?> model, RunRecord run);

  /**
   * Every version of a model, oldest first.
   *
   * @param modelName the model's name
   * @return the versions; empty for an unknown model
   */
  List<ModelVersion> versions(String modelName);

  /**
   * One version of a model.
   *
   * @param modelName the model's name
   * @param version the version number
   * @return the version, or empty if there is none
   */
  Optional<ModelVersion> version(String modelName, int version);

  /**
   * The version an alias points to.
   *
   * @param modelName the model's name
   * @param alias the alias
   * @return the version, or empty if the alias is not set
   */
  Optional<ModelVersion> aliased(String modelName, String alias);

  /**
   * Points an alias at a version, atomically (promotion).
   *
   * @param modelName the model's name
   * @param alias the alias, not blank
   * @param version an existing version
   * @param reason why, for the history, not blank
   * @return the change made
   * @throws IllegalArgumentException if the version does not exist or an argument is blank
   */
  AliasChange setAlias(String modelName, String alias, int version, String reason);

  /**
   * Points an alias back at the version it held before its last change, atomically.
   *
   * @param modelName the model's name
   * @param alias the alias
   * @param reason why, for the history, not blank
   * @return the change made
   * @throws IllegalStateException if the alias has no earlier version to go back to
   */
  AliasChange rollBack(String modelName, String alias, String reason);

  /**
   * Every alias change of a model, oldest first.
   *
   * @param modelName the model's name
   * @return the history; empty for an unknown model
   */
  List<AliasChange> aliasHistory(String modelName);

  /**
   * Loads a stored version, after checking the file's SHA-256 against the registered one.
   *
   * @param version the version to load
   * @return the model
   * @throws dev.ciclo.api.CicloException if the file is missing, its hash does not match, or it
   *     cannot be read; the message names the file
   * @throws IllegalArgumentException if the version's model name is not a valid name
   */
  Model<?, ?> load(ModelVersion version);

  /**
   * Loads a stored version as a model of the types the caller expects, after the same checks as
   * {@link #load(ModelVersion)}: no unchecked cast at the caller.
   *
   * @param version the version to load
   * @param inputType the input type the caller will pass
   * @param outputType the prediction type the caller expects
   * @param <X> the input type
   * @param <Y> the prediction type
   * @return the model
   * @throws IllegalArgumentException if the stored model does not take {@code inputType} or does
   *     not predict {@code outputType} (the message names both), or the name is not valid
   * @throws IllegalStateException if the registry cannot tell the stored model's types
   * @throws dev.ciclo.api.CicloException as {@link #load(ModelVersion)}
   */
  <X, Y> Model<X, Y> load(ModelVersion version, Class<X> inputType, Class<Y> outputType);
}
