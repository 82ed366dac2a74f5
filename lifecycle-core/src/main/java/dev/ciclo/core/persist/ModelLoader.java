package dev.ciclo.core.persist;

import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads models of one {@link Model#format() format} back. Features are code, not data, so a
 * loader is usually made with the same feature extractor the model was trained with.
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <X> the input type of the models it reads
 * @param <Y> the target type
 */
public interface ModelLoader<X, Y> {
  /**
   * The input type of the models this loader reads, so that a registry can check a typed load.
   * Default {@code Object.class}: the loader does not say, and a typed load is refused.
   *
   * @return the input type
   */
  default Class<?> inputType() {
    return Object.class;
  }

  /**
   * The prediction type of the models this loader reads. Default {@code Object.class}: the loader
   * does not say, and a typed load is refused.
   *
   * @return the prediction type
   */
  default Class<?> outputType() {
    return Object.class;
  }

  /**
   * The format this loader reads, as {@link Model#format()} names it.
   *
   * @return the format name, never blank
   */
  String format();

  /**
   * Reads a model written by {@link Model#writeTo}.
   *
   * @param in the model's bytes; not closed
   * @param metadata the metadata saved with it
   * @return the model, predicting as the saved one did
   * @throws IOException if reading fails or the bytes are not a model of this format
   */
  Model<X, Y> read(InputStream in, ModelMetadata metadata) throws IOException;

  /**
   * How a loader made by {@link #of} reads a model's bytes.
   *
   * @param <X> the input type
   * @param <Y> the target type
   */
  @FunctionalInterface
  interface Reader<X, Y> {
    /**
     * Reads a model.
     *
     * @param in the model's bytes; not closed
     * @param metadata the metadata saved with it
     * @return the model
     * @throws IOException if reading fails
     */
    Model<X, Y> read(InputStream in, ModelMetadata metadata) throws IOException;
  }

  /**
   * A loader of one format with typed inputs and predictions, reading through {@code reader}.
   * Thread-safe if {@code reader} is.
   *
   * @param inputType the models' input type
   * @param outputType their prediction type
   * @param format the format name, as {@link Model#format()} names it
   * @param reader reads one model
   * @param <X> the input type
   * @param <Y> the target type
   * @return the loader
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code format} is blank
   */
  static <X, Y> ModelLoader<X, Y> of(Class<X> inputType, Class<Y> outputType, String format,
      Reader<X, Y> reader) {
    java.util.Objects.requireNonNull(inputType, "inputType");
    java.util.Objects.requireNonNull(outputType, "outputType");
    java.util.Objects.requireNonNull(reader, "reader");
    if (java.util.Objects.requireNonNull(format, "format").isBlank()) {
      throw new IllegalArgumentException("format must not be blank but was '" + format + "'");
    }
    return new ModelLoader<>() {
      @Override
      public Class<?> inputType() {
        return inputType;
      }

      @Override
      public Class<?> outputType() {
        return outputType;
      }

      @Override
      public String format() {
        return format;
      }

      @Override
      public Model<X, Y> read(InputStream in, ModelMetadata metadata) throws IOException {
        return reader.read(in, metadata);
      }

      @Override
      public String toString() {
        return "ModelLoader[" + format + ": " + inputType.getSimpleName() + " -> "
            + outputType.getSimpleName() + "]";
      }
    };
  }
}
