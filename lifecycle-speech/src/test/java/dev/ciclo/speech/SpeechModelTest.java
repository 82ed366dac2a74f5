package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the speech model: gate, ensemble, temperature, saved bytes")
class SpeechModelTest {
  private static final SpeechRecipe RECIPE = SpeechRecipe.builder().epochs(2).members(2)
      .temperature(2).progress(SpeechRecipe.Progress.OFF).build();

  private static FeatureVector vector(Random r, int label, boolean speech) {
    List<String> names = RECIPE.featureNames();
    double[] v = new double[names.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian() + (i % 3 == label ? 2 : 0);
    }
    v[names.indexOf(SpeechRecipe.HAS_SPEECH)] = speech ? 1 : 0;
    return FeatureVector.of(names, v);
  }

  private static SpeechModel trained() {
    Random r = new Random(4);
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      ex.add(Example.of("e" + i, vector(r, i % 3, true), Integer.toString(i % 3)));
    }
    return (SpeechModel) RECIPE.trainer().train(Dataset.of("blobs", ex), 3);
  }

  @Test
  @DisplayName("a vector the gate stops is \"no speech\" with score 1; the others are averaged"
      + " over the members and tempered")
  void gateAndEnsemble() {
    SpeechModel m = trained();
    assertEquals(2, m.members().size());
    Random r = new Random(9);
    Prediction<String> none = m.predict(vector(r, 0, false));
    assertEquals(SpeechRecipe.NO_SPEECH, none.value());
    assertEquals(1.0, none.confidence().orElseThrow());
    FeatureVector v = vector(r, 1, true);
    double[] a = m.members().get(0).predict(v).scores().toArray();
    double[] b = m.members().get(1).predict(v).scores().toArray();
    double[] p = new double[a.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.sqrt((a[i] + b[i]) / 2);
      sum += p[i];
    }
    double[] got = m.predict(v).scores().toArray();
    for (int i = 0; i < p.length; i++) {
      assertEquals(p[i] / sum, got[i], 1e-12, "score " + i);
    }
    assertEquals(List.of(none, m.predict(v)), m.predictBatch(List.of(vector(new Random(9), 0,
        false), v)));
  }

  @Test
  @DisplayName("saved and loaded with the recipe's loader, it answers the same; bad bytes are"
      + " refused")
  void savedBytes() throws IOException {
    SpeechModel m = trained();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    var back = RECIPE.loader().read(new ByteArrayInputStream(out.toByteArray()), m.metadata());
    Random r = new Random(5);
    for (int i = 0; i < 20; i++) {
      FeatureVector v = vector(r, i % 3, i % 5 != 0);
      assertEquals(m.predict(v), back.predict(v));
    }
    assertEquals(SpeechModel.FORMAT, back.format());
    assertTrue(assertThrows(IOException.class, () -> RECIPE.loader().read(
        new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), m.metadata()))
        .getMessage().contains("magic"));
  }
}
