package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureSchema;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.VariableInfo;

/**
 * The {@link FeatureSchema} of a Tribuo model, read from the model itself so that a model loaded
 * from a file gets the same one: its feature map counts, for every feature, the training
 * examples that had it, and its provenance gives the number of training examples. A feature that
 * every training example had is required; every feature in the map is known.
 */
final class TribuoSchemas {
  private TribuoSchemas() {}

  static FeatureSchema of(org.tribuo.Model<?> model) {
    int examples = model.getProvenance().getDatasetProvenance().getNumExamples();
    List<String> required = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (VariableInfo v : model.getFeatureIDMap()) {
      known.add(v.getName());
      if (v.getCount() >= examples) {
        required.add(v.getName());
      }
    }
    required.sort(null);
    return FeatureSchema.of(required, known);
  }
}
