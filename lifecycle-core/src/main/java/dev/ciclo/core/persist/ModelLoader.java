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
}
