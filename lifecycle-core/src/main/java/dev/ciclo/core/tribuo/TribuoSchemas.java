package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureSchema;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.VariableInfo;

/**
 * The {@link FeatureSchema} of a Tribuo model. The trainers record the features every training
 * example had in the model's metadata (property {@value #REQUIRED}, names separated by line
 * breaks), so a model saved and loaded with its metadata gets the same schema. A model without
 * that property falls back on Tribuo's feature map, which counts only non-zero values: a feature
 * seen non-zero in every training example is required (a column with zeros is then optional).
 */
final class TribuoSchemas {
  /** The metadata property holding the required features. */
  static final String REQUIRED = "requiredFeatures";

  private TribuoSchemas() {}

  static FeatureSchema of(org.tribuo.Model<?> model, ModelMetadata metadata) {
    List<String> known = new ArrayList<>();
    for (VariableInfo v : model.getFeatureIDMap()) {
      known.add(v.getName());
    }
    String recorded = metadata.properties().get(REQUIRED);
    if (recorded != null) {
      List<String> required = recorded.isEmpty() ? List.of() : Arrays.asList(recorded.split("\n"));
      return FeatureSchema.of(required, known);
    }
    int examples = model.getProvenance().getDatasetProvenance().getNumExamples();
    List<String> required = new ArrayList<>();
    for (VariableInfo v : model.getFeatureIDMap()) {
      if (v.getCount() >= examples) {
        required.add(v.getName());
      }
    }
    required.sort(null);
    return FeatureSchema.of(required, known);
  }

  /** Collects the names every vector had; vectors sharing one names list are checked once. */
  static final class Required {
    private Set<String> names; // null until the first vector
    private List<String> lastList;

    void add(FeatureVector v) {
      List<String> n = v.names();
      if (n == lastList) {
        return;
      }
      lastList = n;
      if (names == null) {
        names = new TreeSet<>(n);
      } else if (!names.isEmpty()) {
        names.retainAll(n.size() < 16 ? n : new HashSet<>(n));
      }
    }

    String property() {
      return names == null ? "" : String.join("\n", names);
    }
  }
}
