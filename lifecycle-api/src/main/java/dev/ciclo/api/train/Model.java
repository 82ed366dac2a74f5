package dev.ciclo.api.train;

import dev.ciclo.api.predict.Predictor;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A trained model: a {@link Predictor} that can also write itself out, so a registry can store it.
 *
 * <p>Thread-safe like every {@link Predictor}.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public interface Model<X, Y> extends Predictor<X, Y> {
  /**
   * The name of the format {@link #writeTo} writes (for example {@code "tribuo-protobuf"}), which
   * a loader uses to read it back.
   *
   * @return the format name, never blank
   */
  String format();

  /**
   * Writes the model in its {@link #format()}. Does not close the stream.
   *
   * @param out where to write, not null
   * @throws IOException if writing fails
   */
  void writeTo(OutputStream out) throws IOException;
}
