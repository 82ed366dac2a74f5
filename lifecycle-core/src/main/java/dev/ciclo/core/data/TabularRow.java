package dev.ciclo.core.data;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Signal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One row of a table, the input of a dataset read by {@link CsvReader}: numeric, categorical and
 * text columns by name. Maps are sorted by column name, so two equal rows give equal features
 * and equal fingerprints.
 *
 * <p>Immutable and thread-safe.
 *
 * @param numeric numeric columns, each finite
 * @param categorical categorical columns
 * @param text free-text columns
 */
public record TabularRow(
    Map<String, Double> numeric, Map<String, String> categorical, Map<String, String> text) {

  /**
   * Checks and copies the values into sorted, unmodifiable maps.
   *
   * @throws NullPointerException if a map, key or value is null
   * @throws IllegalArgumentException if a numeric value is NaN or infinite
   */
  public TabularRow {
    numeric = sorted(numeric);
    numeric.forEach((k, v) -> {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("numeric column '" + k + "' must be finite but was "
            + v);
      }
    });
    categorical = sorted(categorical);
    text = sorted(text);
  }

  /**
   * The extractor that turns a row into features: every numeric column by name (in name order),
   * then one feature {@code column=value} with value 1 per categorical column (one-hot, sparse:
   * Tribuo treats an absent name as 0). Text columns are not used; map them with a text
   * extractor of your own.
   *
   * @return the extractor, thread-safe
   */
  public static FeatureExtractor<TabularRow> features() {
    return new FeatureExtractor<>() {
      @Override
      public FeatureVector extract(TabularRow row) {
        List<String> names = new ArrayList<>(row.numeric.keySet());
        double[] v = new double[names.size() + row.categorical.size()];
        int i = 0;
        for (double d : row.numeric.values()) {
          v[i++] = d;
        }
        for (Map.Entry<String, String> c : row.categorical.entrySet()) {
          names.add(c.getKey() + "=" + c.getValue());
          v[i++] = 1;
        }
        return FeatureVector.of(names, v);
      }

      @Override
      public String describe() {
        return "tabular(numeric + one-hot categorical)";
      }
    };
  }

  /**
   * The signal function of rows, for the prediction log and drift reports: every numeric
   * column as a {@link Signal.Numeric}, every categorical column as a {@link Signal.Category},
   * by column name; text columns are left out. Serve a tabular model with it and the log's
   * signals line up with a {@code DataProfile} of the training set.
   *
   * @return the function, thread-safe
   */
  public static Function<TabularRow, Map<String, Signal>> signals() {
    return row -> {
      Map<String, Signal> out = new LinkedHashMap<>();
      row.numeric.forEach((k, v) -> out.put(k, Signal.of(v)));
      row.categorical.forEach((k, v) -> out.put(k, Signal.of(v)));
      return out;
    };
  }

  private static <V> SortedMap<String, V> sorted(Map<String, V> m) {
    TreeMap<String, V> t = new TreeMap<>();
    m.forEach((k, v) -> t.put(java.util.Objects.requireNonNull(k, "column name"),
        java.util.Objects.requireNonNull(v, "value of column " + k)));
    return Collections.unmodifiableSortedMap(t);
  }
}
