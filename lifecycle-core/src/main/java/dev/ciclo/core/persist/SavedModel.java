package dev.ciclo.core.persist;

import dev.ciclo.api.predict.ModelMetadata;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file on disk and what its manifest says about it.
 *
 * @param file the model file
 * @param manifest the JSON manifest beside it ({@code file + ".json"})
 * @param format the model's format, not blank
 * @param sha256 the SHA-256 of the model file, 64 lower-case hex digits
 * @param size the model file's size in bytes, not negative
 * @param metadata the model's metadata at save time
 */
public record SavedModel(
    Path file, Path manifest, String format, String sha256, long size, ModelMetadata metadata) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is blank, the hash is not 64 hex digits or
   *     the size negative
   */
  public SavedModel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(format, "format");
    if (format.isBlank()) {
      throw new IllegalArgumentException("format must not be blank");
    }
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex digits but was '" + sha256 + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative but was " + size);
    }
    Objects.requireNonNull(metadata, "metadata");
  }
}
