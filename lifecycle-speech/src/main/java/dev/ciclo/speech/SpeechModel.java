package dev.ciclo.speech;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A speech recipe's model over the recipe's feature vectors: the {@link VoiceActivity} gate in
 * front of the trained classifier. A vector whose {@link SpeechRecipe#HAS_SPEECH} field is 0
 * (an empty, very short or silent clip) is answered {@link SpeechRecipe#NO_SPEECH} with score 1
 * without asking the classifier; any other vector goes to the classifier, which has its own
 * {@link SpeechRecipe#NO_SPEECH} class for noise that passes the gate. Either way the answer is
 * a normal prediction, not an error. The saved bytes and the format are the classifier's (the
 * gate has no state), so the recipe's {@link SpeechRecipe#loader()} puts the gate back on load.
 * Thread-safe when the classifier is.
 */
public final class SpeechModel implements Model<FeatureVector, String> {
  private final Model<FeatureVector, String> classifier;
  private final Prediction<String> noSpeech;

  SpeechModel(Model<FeatureVector, String> classifier) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.noSpeech = new Prediction<>(SpeechRecipe.NO_SPEECH, Map.of(SpeechRecipe.NO_SPEECH, 1.0));
  }

  /**
   * The classifier behind the gate.
   *
   * @return the classifier
   */
  public Model<FeatureVector, String> classifier() {
    return classifier;
  }

  @Override
  public Prediction<String> predict(FeatureVector input) {
    Objects.requireNonNull(input, "input");
    return gated(input) ? noSpeech : classifier.predict(input);
  }

  @Override
  public List<Prediction<String>> predictBatch(List<? extends FeatureVector> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    List<FeatureVector> pass = new ArrayList<>();
    for (FeatureVector v : inputs) {
      if (!gated(Objects.requireNonNull(v, "inputs element"))) {
        pass.add(v);
      }
    }
    List<Prediction<String>> answered = classifier.predictBatch(pass);
    List<Prediction<String>> out = new ArrayList<>(inputs.size());
    int k = 0;
    for (FeatureVector v : inputs) {
      out.add(gated(v) ? noSpeech : answered.get(k++));
    }
    return out;
  }

  private static boolean gated(FeatureVector v) {
    return v.get(SpeechRecipe.HAS_SPEECH) < 0.5;
  }

  @Override
  public ModelMetadata metadata() {
    return classifier.metadata();
  }

  @Override
  public String format() {
    return classifier.format();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    classifier.writeTo(out);
  }

  @Override
  public String toString() {
    return "SpeechModel[voice-activity gate + " + classifier + "]";
  }
}
