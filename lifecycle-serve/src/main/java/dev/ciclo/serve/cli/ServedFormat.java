package dev.ciclo.serve.cli;

import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.serve.ServedModel;

/**
 * How {@link ServeCommand} reads and serves the saved models of one format that this module
 * does not know, for example lifecycle-speech's {@code ciclo-speech-v1} (a model over a clip's
 * features, served on WAV bodies). The serve command knows Tribuo classifiers over named numeric
 * features ({@code tribuo-protobuf}) itself; a host adds other formats with
 * {@link ServeOptions.Builder#format}, so this module needs no audio or ND4J code.
 *
 * <p>Call order: {@link #loader()} once, when the command builds its registry (or reads a model
 * directory); {@link #serve} once, with the first version it serves. Later versions that the
 * alias follower swaps in are read by the same loader and take the same served model's inputs.
 * Implementations must be thread-safe.
 *
 * @param <X> the input type of the format's models
 */
public interface ServedFormat<X> {
  /**
   * The loader of the format; its {@link ModelLoader#format()} names the format served.
   *
   * @return the loader
   */
  ModelLoader<X, ?> loader();

  /**
   * How clients reach a loaded model of this format: its tensor and raw-body inputs, warm-up
   * inputs and signals.
   *
   * @param name the name clients use (the registry's model name)
   * @param predictor the loaded model, reporting the served version in its metadata
   * @return the served model
   */
  ServedModel<X> serve(String name, Predictor<X, ?> predictor);
}
