package dev.ciclo.cli;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.serve.cli.ServedFormat;
import dev.ciclo.speech.SpeechModel;
import dev.ciclo.speech.SpeechRecipe;
import dev.ciclo.speech.SpeechRequests;
import dev.ciclo.speech.SpeechSignals;
import java.util.List;

/**
 * How {@code ciclo serve} serves lifecycle-speech's models (format {@value SpeechModel#FORMAT},
 * what {@code ciclo demo} registers): a WAV body on {@code POST /models/{name}/predict} is decoded
 * by {@link SpeechRequests#defaults()} (stereo mixed down, resampled to 8 kHz, at most 10 s,
 * out-of-range samples refused), its features computed by the speech recipe's extractor (the
 * one training used; the model reads them by name) and followed by the clip's
 * {@link SpeechSignals}; a clip without speech is answered {@link SpeechRecipe#NO_SPEECH}. The
 * v2 {@code infer} endpoints (REST and gRPC) take rows of the recipe's features.
 *
 * <p>The recipe, and with it ND4J, is made when the first model of this format is read, so a
 * server of Tribuo models never starts ND4J. Thread-safe.
 */
final class SpeechFormat implements ServedFormat<FeatureVector> {
  private final SpeechRequests requests = SpeechRequests.defaults();
  private volatile SpeechRecipe recipe;

  private SpeechRecipe recipe() {
    SpeechRecipe r = recipe;
    if (r == null) {
      synchronized (this) {
        if (recipe == null) {
          // the serving side of the recipe: its features and loader (trimmed to the voice
          // segment, as the recipe trains by default); nothing is trained here
          recipe = SpeechRecipe.builder().progress(SpeechRecipe.Progress.OFF).build();
        }
        r = recipe;
      }
    }
    return r;
  }

  @Override
  public ModelLoader<FeatureVector, String> loader() {
    // the recipe (and ND4J) start only when a model of this format is read
    return ModelLoader.of(FeatureVector.class, String.class, SpeechModel.FORMAT,
        (in, metadata) -> recipe().loader().read(in, metadata));
  }

  /** A clip as the model sees it: the recipe's features, then the monitored signals. */
  FeatureVector input(AudioClip clip) {
    return SpeechSignals.append(recipe().features().extract(clip), clip);
  }

  @Override
  public ServedModel<FeatureVector> serve(String name, Predictor<FeatureVector, ?> predictor) {
    List<String> features = recipe().featureNames();
    double[] voiced = new double[features.size()];
    voiced[features.indexOf(SpeechRecipe.HAS_SPEECH)] = 1;
    return ServedModel.builder(name, predictor)
        .tensorInput(features.size(), row -> FeatureVector.of(features, row))
        .bytesInput(body -> input(requests.decode(body)))
        // a second of silence (answered by the gate) and a row that passes it (the network)
        .warmUp(List.of(input(AudioClip.of(new float[SpeechRecipe.SAMPLE_RATE],
            SpeechRecipe.SAMPLE_RATE)), FeatureVector.of(features, voiced)))
        .signals(SpeechSignals::carried)
        .build();
  }
}
