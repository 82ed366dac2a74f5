package dev.ciclo.core.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

class TribuoExamplesTest {

  private static List<String> shuffledNames(int n, Random r) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // mixed lengths and cases, so the natural String order differs from insertion order
      names.add((r.nextBoolean() ? "F" : "f") + Integer.toString(r.nextInt(1000), 36) + "_" + i);
    }
    Collections.shuffle(names, r);
    return List.copyOf(names);
  }

  private static List<String> features(org.tribuo.Example<Label> e) {
    List<String> out = new ArrayList<>();
    for (Feature f : e) {
      out.add(f.getName() + "=" + f.getValue());
    }
    return out;
  }

  @Test
  void givesTheFeaturesTribuosOwnConstructorGivesInItsOrder() {
    qt().forAll(integers().between(0, 30), longs().all())
        .checkAssert(
            (n, seed) -> {
              Random r = new Random(seed);
              List<String> names = shuffledNames(n, r);
              double[] values = r.doubles(n).toArray();
              FeatureVector v = FeatureVector.of(names, values);
              Label label = new Label("a");
              ArrayExample<Label> expected =
                  new ArrayExample<>(label, names.toArray(new String[0]), values);
              ArrayExample<Label> actual =
                  TribuoExamples.Layout.of(v, null).example(v, label);
              assertEquals(features(expected), features(actual));
              assertEquals(expected.size(), actual.size());
              assertSame(label, actual.getOutput());
              assertEquals(expected.getWeight(), actual.getWeight());
            });
  }

  @Test
  void examplesOwnTheirArraysSoChangingOneLeavesTheNextAlone() {
    List<String> names = List.of("c", "a", "b");
    TribuoExamples.Layout layout =
        TribuoExamples.Layout.of(FeatureVector.of(names, new double[3]), null);
    ArrayExample<Label> first =
        layout.example(FeatureVector.of(names, new double[] {3, 1, 2}), LabelFactory.UNKNOWN_LABEL);
    first.removeFeatures(List.of(new Feature("a", 1)));
    first.set(new Feature("b", 99));
    ArrayExample<Label> second =
        layout.example(FeatureVector.of(names, new double[] {3, 1, 2}), LabelFactory.UNKNOWN_LABEL);
    assertEquals(List.of("a=1.0", "b=2.0", "c=3.0"), features(second));
    assertEquals(List.of("b=99.0", "c=3.0"), features(first));
  }

  @Test
  void reusesALayoutOnlyForTheSameNamesList() {
    List<String> names = List.of("b", "a");
    FeatureVector v = FeatureVector.of(names, new double[] {1, 2});
    TribuoExamples.Layout layout = TribuoExamples.Layout.of(v, null);
    assertSame(layout, TribuoExamples.Layout.of(FeatureVector.of(names, new double[2]), layout));
    assertNotSame(layout,
        TribuoExamples.Layout.of(FeatureVector.of(List.of("b", "a"), new double[2]), layout));
  }

  @Test
  void aModelOnUnsortedFeatureNamesPredictsAsTribuoDoesDirectly() {
    Random r = new Random(3);
    List<String> names = List.of("zeta", "alpha", "Mid", "beta");
    List<Example<FeatureVector, String>> data = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int c = i % 3;
      double[] x = new double[4];
      for (int d = 0; d < 4; d++) {
        x[d] = r.nextGaussian() + (d == c ? 3 : 0);
      }
      data.add(Example.of("e" + i, FeatureVector.of(names, x), "class" + c));
    }
    TribuoClassifierModel<FeatureVector> model =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity())
            .train(Dataset.of("unsorted", data), 1);
    String[] nameArray = names.toArray(new String[0]);
    for (Example<FeatureVector, String> e : data) {
      org.tribuo.Prediction<Label> direct = model.tribuoModel().predict(new ArrayExample<>(
          LabelFactory.UNKNOWN_LABEL, nameArray, e.input().toArray()));
      Prediction<String> ours = model.predict(e.input());
      assertEquals(direct.getOutput().getLabel(), ours.value(), e.id());
      direct.getOutputScores()
          .forEach((k, v) -> assertEquals(v.getScore(), ours.scores().get(k), 0.0, e.id()));
      assertEquals(direct.getOutputScores().keySet().stream().toList(),
          ours.scores().labels().asList());
    }
  }
}
