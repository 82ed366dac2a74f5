package dev.ciclo.api.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The features a trained model reads, and the one rule every model of the project applies to
 * the features of an input it is asked to predict:
 *
 * <ul>
 *   <li><b>A required feature that is missing is an error</b>: an {@link
 *       IllegalArgumentException} naming the model, the missing features and those given. A
 *       feature is required when every training example had it (numeric columns; not the
 *       one-hot {@code column=value} features, of which a row has only one).
 *   <li><b>A feature the model never saw is ignored</b>: an extra column, or an unseen category
 *       value ({@code city=Lisbon}), does not change the prediction. This is what scikit-learn's
 *       {@code OneHotEncoder(handle_unknown="ignore")} does for categories; a pipeline that
 *       wants extra columns refused checks {@link #unknown} itself.
 * </ul>
 *
 * <p>Tribuo models, the ND4J MLP and any future model check their inputs through this class.
 * Immutable and thread-safe.
 */
public final class FeatureSchema {
  private final List<String> required;
  private final Set<String> known;

  private FeatureSchema(List<String> required, Set<String> known) {
    this.required = required;
    this.known = known;
  }

  /**
   * A schema.
   *
   * @param required the features every input must have, in the model's order
   * @param known every feature the model uses (the required ones are added)
   * @return the schema
   * @throws NullPointerException if an argument or a name is null
   */
  public static FeatureSchema of(Collection<String> required, Collection<String> known) {
    List<String> r = List.copyOf(new LinkedHashSet<>(required));
    Set<String> k = new LinkedHashSet<>(r);
    for (String name : known) {
      k.add(Objects.requireNonNull(name, "known feature name"));
    }
    return new FeatureSchema(r, java.util.Collections.unmodifiableSet(k));
  }

  /**
   * The features every input must have.
   *
   * @return an unmodifiable list, in the model's order
   */
  public List<String> required() {
    return required;
  }

  /**
   * Every feature the model uses.
   *
   * @return an unmodifiable set
   */
  public Set<String> known() {
    return known;
  }

  /**
   * The required features an input lacks.
   *
   * @param features the input's features
   * @return the missing names in the model's order; empty when none is missing
   */
  public List<String> missing(FeatureVector features) {
    List<String> names = features.names();
    if (names.size() < 16) {
      List<String> out = new ArrayList<>();
      for (String r : required) {
        if (!names.contains(r)) {
          out.add(r);
        }
      }
      return out;
    }
    Set<String> have = new java.util.HashSet<>(names);
    List<String> out = new ArrayList<>();
    for (String r : required) {
      if (!have.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The features of an input that the model never saw (and ignores).
   *
   * @param features the input's features
   * @return the unknown names in the input's order
   */
  public List<String> unknown(FeatureVector features) {
    List<String> out = new ArrayList<>();
    for (String n : features.names()) {
      if (!known.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Applies the rule: returns when no required feature is missing.
   *
   * @param model the model's name, for the message
   * @param features the input's features
   * @throws IllegalArgumentException naming the missing features when one is missing
   */
  public void check(String model, FeatureVector features) {
    List<String> missing = missing(features);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("model " + model + " needs the feature"
          + (missing.size() == 1 ? " " : "s ") + abbreviate(missing) + " that the input lacks"
          + " (it was trained with " + required.size() + " required features "
          + abbreviate(required) + "; the input has " + abbreviate(features.names()) + ")");
    }
  }

  /**
   * The values of the required features, in the model's order, after {@link #check}: features
   * the model does not know are dropped.
   *
   * @param model the model's name, for the message
   * @param features the input's features
   * @return a new array with one value per required feature
   * @throws IllegalArgumentException naming the missing features when one is missing
   */
  public double[] requiredValues(String model, FeatureVector features) {
    if (features.names().equals(required)) {
      return features.toArray();
    }
    check(model, features);
    Map<String, Integer> at = new HashMap<>();
    List<String> names = features.names();
    for (int i = 0; i < names.size(); i++) {
      at.put(names.get(i), i);
    }
    double[] out = new double[required.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = features.get(at.get(required.get(i)));
    }
    return out;
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 8 ? names.toString()
        : names.subList(0, 4) + "... (" + names.size() + " in all)";
  }

  @Override
  public String toString() {
    return "FeatureSchema[required=" + abbreviate(required) + ", known " + known.size() + "]";
  }
}
