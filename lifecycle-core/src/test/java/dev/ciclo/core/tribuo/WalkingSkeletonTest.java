package dev.ciclo.core.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.data.DataSplitter;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import dev.ciclo.core.testing.Blobs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.Label;

@DisplayName("the walking skeleton: in-memory data, seeded split, Tribuo training, evaluation, Predictor")
class WalkingSkeletonTest {
  private static final Dataset<FeatureVector, String> DATA = Blobs.make(100, 1);

  private static TribuoClassifierModel<FeatureVector> train(Dataset<FeatureVector, String> d, long seed) {
    return TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity()).train(d, seed);
  }

  @Test
  @DisplayName("the model learns separable classes: dev accuracy above 0.95, matrix adds up")
  void learnsAndEvaluates() {
    Splits<FeatureVector, String> s =
        DataSplitter.builder().fractions(0.6, 0.2, 0.2).seed(3).build().split(DATA);
    TribuoClassifierModel<FeatureVector> model = train(s.train(), 42);
    ClassificationEvaluation ev = ClassificationEvaluator.evaluate(model, s.dev());
    assertTrue(ev.accuracy() > 0.95, "dev accuracy " + ev.accuracy());
    assertEquals(s.dev().size(), ev.confusion().total());
    assertEquals(3, ev.perClass().size());
  }

  @Test
  @DisplayName("the Predictor's answers equal the raw Tribuo model's, label and scores")
  void predictorEqualsRawTribuo() {
    TribuoClassifierModel<FeatureVector> model = train(DATA, 7);
    org.tribuo.Model<Label> raw = model.tribuoModel();
    for (Example<FeatureVector, String> e : DATA) {
      org.tribuo.Prediction<Label> expected = raw.predict(
          new org.tribuo.impl.ArrayExample<>(org.tribuo.classification.LabelFactory.UNKNOWN_LABEL,
              Blobs.NAMES.toArray(new String[0]), e.input().toArray()));
      Prediction<String> actual = model.predict(e.input());
      assertEquals(expected.getOutput().getLabel(), actual.value(), e.id());
      Map<String, Double> scores = new HashMap<>();
      expected.getOutputScores().forEach((k, v) -> scores.put(k, v.getScore()));
      assertEquals(scores, actual.scores(), e.id());
    }
  }

  @Test
  @DisplayName("the same seed gives the same predictions; another seed gives other scores")
  void sameSeedSamePredictions() {
    List<FeatureVector> inputs = DATA.stream().map(Example::input).toList();
    List<Prediction<String>> a = train(DATA, 11).predictBatch(inputs);
    List<Prediction<String>> b = train(DATA, 11).predictBatch(inputs);
    List<Prediction<String>> c = train(DATA, 12).predictBatch(inputs);
    assertEquals(a, b);
    assertNotEquals(a, c, "a different seed should shuffle SGD differently");
  }

  @Test
  @DisplayName("the same seed gives the same split; another seed another")
  void splitsAreDeterministic() {
    DataSplitter s1 = DataSplitter.builder().seed(5).build();
    assertEquals(s1.split(DATA).train().fingerprint(), s1.split(DATA).train().fingerprint());
    assertNotEquals(s1.split(DATA).train().fingerprint(),
        DataSplitter.builder().seed(6).build().split(DATA).train().fingerprint());
    Splits<FeatureVector, String> s = s1.split(DATA);
    assertEquals(DATA.size(), s.train().size() + s.dev().size() + s.test().size());
    assertTrue(s.train().provenance().steps().get(0).contains("seed 5"));
  }

  @Test
  @DisplayName("the model writes itself in Tribuo's protobuf format and reads back equal")
  void writesProtobuf() throws Exception {
    TribuoClassifierModel<FeatureVector> model = train(DATA, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.writeTo(out);
    @SuppressWarnings("unchecked")
    org.tribuo.Model<Label> back = (org.tribuo.Model<Label>) org.tribuo.Model.deserialize(
        org.tribuo.protos.core.ModelProto.parseFrom(new ByteArrayInputStream(out.toByteArray())));
    TribuoClassifierModel<FeatureVector> reloaded =
        new TribuoClassifierModel<>(back, FeatureExtractor.identity(), model.metadata());
    for (Example<FeatureVector, String> e : DATA) {
      assertEquals(model.predict(e.input()), reloaded.predict(e.input()));
    }
  }

  @Test
  @DisplayName("bad training data and bad inputs get errors that say what was wrong")
  void badInputs() {
    TribuoClassifierTrainer<FeatureVector> t =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.train(DATA.filter("one class", x -> x.target().equals("class0")), 1));
    assertTrue(e.getMessage().contains("only the label(s) [class0]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> t.train(DATA.filter("none", x -> false), 1));
    assertTrue(e.getMessage().contains("it is empty"), e.getMessage());
    TribuoClassifierModel<FeatureVector> model = train(DATA, 1);
    e = assertThrows(IllegalArgumentException.class,
        () -> model.predict(FeatureVector.of(List.of("unknown"), new double[] {1})));
    assertTrue(e.getMessage().startsWith("model logistic-regression needs the features"
        + " [x0, x1, x2, x3] that the input lacks"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 0));
  }

  @Test
  @DisplayName("a split that would leave a part empty is refused, naming the part and counts")
  void emptySplitRefused() {
    Dataset<FeatureVector, String> tiny = DATA.filter("first 3", e -> e.id().endsWith("-0"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().fractions(0.8, 0.1, 0.1).build().split(tiny));
    assertTrue(e.getMessage().startsWith("the dev split would be empty: 0.100 of 3 examples"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DataSplitter.builder().fractions(0.5, 0.2, 0.2));
  }
}
