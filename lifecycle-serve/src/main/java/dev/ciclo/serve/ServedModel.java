package dev.ciclo.serve;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.predict.Predictor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A model as the {@link InferenceServer} serves it: its name, the predictor that answers first,
 * how a request becomes the predictor's input, the inputs it is warmed up on before it (or any
 * replacement) takes traffic, and its signal function: the typed monitoring signals derived from
 * an input that go to the prediction log under monitoring consent (the raw input itself is logged
 * only under training consent, as it arrived).
 *
 * <p>A request becomes an input in one of two ways, and a model has at least one:
 *
 * <ul>
 *   <li>a tensor row (Open Inference Protocol v2 {@code infer}): {@link Builder#tensorInput} takes
 *       the row width and a function from the row's numbers to the input;
 *   <li>a raw body ({@code POST /models/{name}/predict}): {@link Builder#bytesInput} takes a
 *       host-supplied decoder, for example WAV bytes to an audio clip, so the server needs no
 *       audio code.
 * </ul>
 *
 * <p>Immutable and thread-safe when the functions given to the builder are.
 *
 * @param <X> the input type
 */
public final class ServedModel<X> {
  private final String name;
  private final Predictor<X, ?> predictor;
  private final int tensorWidth;
  private final Function<double[], X> tensorDecoder;
  private final Function<byte[], X> bytesDecoder;
  private final List<X> warmUp;
  private final Function<X, Map<String, Signal>> signals;

  private final boolean declared;

  private ServedModel(Builder<X> b) {
    this.declared = b.declared;
    this.name = b.name;
    this.predictor = b.predictor;
    this.tensorWidth = b.tensorWidth;
    this.tensorDecoder = b.tensorDecoder;
    this.bytesDecoder = b.bytesDecoder;
    this.warmUp = b.warmUp;
    this.signals = b.signals;
  }

  /**
   * Starts describing a served model.
   *
   * @param name the name clients use in URLs, made of letters, digits, {@code .}, {@code _} and
   *     {@code -}
   * @param predictor the predictor that answers until the first swap
   * @param <X> the input type
   * @return a builder
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is not valid in a URL path segment
   */
  public static <X> Builder<X> builder(String name, Predictor<X, ?> predictor) {
    return new Builder<>(name, predictor);
  }

  /**
   * A model whose inputs are feature vectors with the given names: a tensor row of
   * {@code names.size()} numbers becomes {@code FeatureVector.of(names, row)}, and every feature
   * is a numeric signal (the log's privacy policy decides what is kept).
   *
   * @param name the model's name
   * @param predictor the predictor
   * @param featureNames the feature names, in the order of a tensor row
   * @param warmUp inputs to warm up on, at least one
   * @return the served model
   * @throws IllegalArgumentException if the names or warm-up inputs are empty
   */
  public static ServedModel<FeatureVector> features(
      String name,
      Predictor<FeatureVector, ?> predictor,
      List<String> featureNames,
      List<FeatureVector> warmUp) {
    List<String> names = List.copyOf(featureNames);
    return builder(name, predictor)
        .tensorInput(names.size(), row -> FeatureVector.of(names, row))
        .warmUp(warmUp)
        .signals(
            v -> {
              Map<String, Signal> m = new LinkedHashMap<>();
              for (int i = 0; i < v.size(); i++) {
                m.put(v.name(i), Signal.of(v.get(i)));
              }
              return m;
            })
        .build();
  }

  /**
   * The name clients use.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The predictor that answers until the first swap.
   *
   * @return the initial predictor
   */
  public Predictor<X, ?> initialPredictor() {
    return predictor;
  }

  /**
   * The width of a tensor row, or 0 when the model takes no tensors.
   *
   * @return the width
   */
  public int tensorWidth() {
    return tensorWidth;
  }

  /**
   * Whether the plain bytes endpoint serves this model.
   *
   * @return {@code true} if a bytes decoder was given
   */
  public boolean acceptsBytes() {
    return bytesDecoder != null;
  }

  /**
   * The warm-up inputs.
   *
   * @return an unmodifiable list, never empty
   */
  public List<X> warmUpInputs() {
    return warmUp;
  }

  X fromTensorRow(double[] row) {
    return tensorDecoder.apply(row);
  }

  X fromBytes(byte[] body) {
    return bytesDecoder.apply(body);
  }

  Map<String, Signal> signalsOf(X input) {
    return signals.apply(input);
  }

  /**
   * The names of the signals the model's signal function gives, as seen on its first warm-up
   * input: what a monitor over the log can read ({@code LogMonitor.Builder.loggedSignals}).
   *
   * @return the names, empty when the model declares no signal function
   */
  public java.util.Set<String> signalNames() {
    return java.util.Set.copyOf(signals.apply(warmUp.get(0)).keySet());
  }

  /**
   * Whether the model declares a signal function.
   *
   * @return {@code true} if {@link Builder#signals} was given
   */
  public boolean declaresSignals() {
    return declared;
  }

  @Override
  public String toString() {
    return "ServedModel[" + name + "]";
  }

  /**
   * Describes a served model. Not thread-safe.
   *
   * @param <X> the input type
   */
  public static final class Builder<X> {
    private final String name;
    private final Predictor<X, ?> predictor;
    private int tensorWidth;
    private Function<double[], X> tensorDecoder;
    private Function<byte[], X> bytesDecoder;
    private List<X> warmUp;
    private Function<X, Map<String, Signal>> signals = x -> Map.of();
    private boolean declared;

    private Builder(String name, Predictor<X, ?> predictor) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "name must be letters, digits, '.', '_' or '-' but was '" + name + "'");
      }
      this.name = name;
      this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    /**
     * Accepts Open Inference Protocol v2 tensors: each row of {@code width} numbers becomes an
     * input through {@code decoder}. An {@link IllegalArgumentException} from the decoder is
     * answered with 400. No default: without it the {@code infer} endpoints answer 400.
     *
     * @param width the row width, at least 1
     * @param decoder from a row (a fresh array the decoder may keep) to an input
     * @return this builder
     * @throws IllegalArgumentException if {@code width} is less than 1
     */
    public Builder<X> tensorInput(int width, Function<double[], X> decoder) {
      this.tensorWidth = Checks.atLeast(width, 1, "width");
      this.tensorDecoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /**
     * Accepts raw bodies on {@code POST /models/{name}/predict}: the body becomes an input through
     * {@code decoder} (for example WAV bytes to an audio clip). Any runtime exception from the
     * decoder is the client's mistake and answered with 400 and its message. No default.
     *
     * @param decoder from the body to an input
     * @return this builder
     */
    public Builder<X> bytesInput(Function<byte[], X> decoder) {
      this.bytesDecoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /**
     * The inputs every predictor runs on before it takes traffic: the initial one when the
     * server starts, and every replacement before it is swapped in. Required.
     *
     * @param inputs at least one input, none null
     * @return this builder
     * @throws IllegalArgumentException if the list is empty
     */
    public Builder<X> warmUp(List<X> inputs) {
      List<X> copy = List.copyOf(inputs);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("warm-up inputs must not be empty");
      }
      this.warmUp = copy;
      return this;
    }

    /**
     * The model's signal function: the typed monitoring signals derived from an input (a clip's
     * RMS level and duration, a row's features), logged under monitoring and training consent;
     * the log's privacy policy then keeps, drops, hashes or buckets each. Default: none, so a
     * monitor over the log has no input signals to read.
     *
     * @param function from an input to its signals by name
     * @return this builder
     */
    public Builder<X> signals(Function<X, Map<String, Signal>> function) {
      this.signals = Objects.requireNonNull(function, "function");
      this.declared = true;
      return this;
    }

    /**
     * Makes the served model.
     *
     * @return the served model
     * @throws IllegalStateException if neither a tensor nor a bytes input was given, or no
     *     warm-up inputs
     */
    public ServedModel<X> build() {
      if (tensorDecoder == null && bytesDecoder == null) {
        throw new IllegalStateException(
            "model '" + name + "' needs tensorInput(...) or bytesInput(...)");
      }
      if (warmUp == null) {
        throw new IllegalStateException("model '" + name + "' needs warmUp(...) inputs");
      }
      return new ServedModel<>(this);
    }
  }
}
