package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureVector;
import java.util.List;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/** Turns feature vectors into Tribuo examples. */
final class TribuoExamples {
  private TribuoExamples() {}

  /**
   * Converts many vectors, reusing the name array while consecutive vectors share one name list
   * (vectors of one extractor do), which saves an array per example.
   */
  static final class Converter {
    private List<String> lastNames;
    private String[] lastArray;

    ArrayExample<Label> toExample(FeatureVector features, Label label) {
      List<String> names = features.names();
      if (names != lastNames) {
        lastNames = names;
        lastArray = names.toArray(new String[0]);
      }
      return new ArrayExample<>(label, lastArray, features.toArray());
    }
  }

  /**
   * An unlabelled example with a names array made earlier for the same names list (Tribuo's
   * {@code ArrayExample} copies the arrays it is given, so sharing one is safe).
   */
  static ArrayExample<Label> unlabelled(FeatureVector features, String[] names) {
    return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, features.toArray());
  }
}
