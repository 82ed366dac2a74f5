package dev.ciclo.examples.cycle;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.monitor.DigitMonitor;
import dev.ciclo.examples.monitor.SpeechSignals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  final List<String> features;
  private final List<String> names;

  ServedDigits(DigitRecipe recipe) {
    this.recipe = recipe;
    this.features = recipe.featureNames();
    List<String> n = new ArrayList<>(features);
    n.addAll(DigitMonitor.FIELDS);
    this.names = List.copyOf(n);
  }

  FeatureVector input(AudioClip clip) {
    FeatureVector mfcc = recipe.features().extract(clip);
    Map<String, String> s = SpeechSignals.fields(clip);
    double[] v = new double[names.size()];
    for (int i = 0; i < features.size(); i++) {
      v[i] = mfcc.get(i);
    }
    for (int i = 0; i < DigitMonitor.FIELDS.size(); i++) {
      v[features.size() + i] = Double.parseDouble(s.get(DigitMonitor.FIELDS.get(i)));
    }
    return FeatureVector.of(names, v);
  }

  static Map<String, String> logFields(FeatureVector v) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < v.size(); i++) {
      m.put(v.name(i), Double.toString(v.get(i)));
    }
    return m;
  }

  /** The training features of a logged request; throws if a field is missing. */
  FeatureVector decode(PredictionRecord r) {
    double[] v = new double[features.size()];
    for (int i = 0; i < v.length; i++) {
      String text = r.input().get(features.get(i));
      if (text == null) {
        throw new IllegalArgumentException("log record " + r.requestId() + " has no field "
            + features.get(i));
      }
      v[i] = Double.parseDouble(text);
    }
    return FeatureVector.of(features, v);
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
