package dev.ciclo.examples.cycle;

import dev.ciclo.augment.audio.Wav;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.speech.SpeechSignals;
import java.util.Map;

/**
 * What the server does with a clip: one vector of the recipe's MFCC features followed by the
 * monitored signals. The model reads the MFCC names (and ignores the others); the log keeps the
 * whole vector, so monitoring reads the signals and the maintenance loop rebuilds the training
 * features from the same numbers.
 */
final class ServedDigits {
  static final String MODEL = "digits";
  final DigitRecipe recipe;

  ServedDigits(DigitRecipe recipe) {
    this.recipe = recipe;
  }

  FeatureVector input(AudioClip clip) {
    return SpeechSignals.append(recipe.features().extract(clip), clip);
  }

  /** The served model's signal function: the monitoring numbers of a served vector. */
  static Map<String, Signal> signals(FeatureVector v) {
    return SpeechSignals.carried(v);
  }

  /**
   * The training features of a logged raw input: the WAV clip the app sent, decoded and run
   * through the recipe's own feature extractor.
   *
   * @throws IllegalArgumentException if the payload is not {@code audio/wav} bytes of a clip
   */
  FeatureVector decode(Payload p) {
    if (!(p instanceof RawPayload raw) || !raw.mediaType().equals("audio/wav")) {
      throw new IllegalArgumentException("logged input must be audio/wav bytes but was " + p);
    }
    return recipe.features().extract(Wav.decode(raw.bytes(), "logged clip"));
  }

  /** A feature-vector model seen as a predictor of clips, for in-process references. */
  Predictor<AudioClip, String> onAudio(Predictor<FeatureVector, String> model) {
    return new Predictor<>() {
      @Override
      public Prediction<String> predict(AudioClip clip) {
        return model.predict(input(clip));
      }

      @Override
      public ModelMetadata metadata() {
        return model.metadata();
      }
    };
  }
}
