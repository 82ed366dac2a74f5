package dev.ciclo.core.tribuo;

import dev.ciclo.api.features.FeatureVector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * Turns feature vectors into Tribuo examples.
 *
 * <p>Tribuo's {@code ArrayExample(output, names, values)} copies both arrays, then sorts the
 * features by name with an argsort and copies them again, for every example. The vectors of one
 * extractor share one names list, so the order is worked out once per list ({@link Layout}) and
 * each example is made from arrays already in that order: one copy of the names and one of the
 * values, as Tribuo would hold them, and the same features in the same order.
 */
final class TribuoExamples {
  private TribuoExamples() {}

  /**
   * Where the features of one names list go in a Tribuo example: the names sorted as Tribuo
   * sorts them (natural {@code String} order), and for each sorted position the index of the
   * feature in the vector. Immutable; its arrays are never handed out, only copies.
   */
  static final class Layout {
    private final List<String> names;
    private final String[] sorted;
    // for sorted position i, the vector index of that feature; null when names are in order
    private final int[] from;

    private Layout(List<String> names) {
      this.names = names;
      Integer[] order = new Integer[names.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparing(names::get));
      sorted = new String[order.length];
      int[] f = new int[order.length];
      boolean inOrder = true;
      for (int i = 0; i < order.length; i++) {
        sorted[i] = names.get(order[i]);
        f[i] = order[i];
        inOrder &= order[i] == i;
      }
      from = inOrder ? null : f;
    }

    /**
     * The layout of a vector's names, reusing {@code last} when the vector shares its list.
     *
     * @param features the vector
     * @param last the layout used before, or null
     * @return a layout for the vector's names
     */
    static Layout of(FeatureVector features, Layout last) {
      List<String> n = features.names();
      return last != null && last.names == n ? last : new Layout(n);
    }

    /**
     * The Tribuo example of a vector whose names list is this layout's.
     *
     * @param features the vector
     * @param output the label, or {@link LabelFactory#UNKNOWN_LABEL}
     * @return a new example that owns its arrays
     */
    ArrayExample<Label> example(FeatureVector features, Label output) {
      double[] values;
      if (from == null) {
        values = features.toArray();
      } else {
        values = new double[from.length];
        for (int i = 0; i < from.length; i++) {
          values[i] = features.get(from[i]);
        }
      }
      return new SortedExample(output, sorted.clone(), values);
    }
  }

  /**
   * An {@code ArrayExample} over arrays that are already sorted by name and belong to it alone,
   * so its constructor neither copies nor sorts them.
   */
  private static final class SortedExample extends ArrayExample<Label> {
    private static final long serialVersionUID = 1L;

    SortedExample(Label output, String[] sortedNames, double[] values) {
      super(output, Example.DEFAULT_WEIGHT, 0);
      featureNames = sortedNames;
      featureValues = values;
      size = sortedNames.length;
    }
  }

  /**
   * Converts many vectors, reusing the layout while consecutive vectors share one names list
   * (vectors of one extractor do). Not thread-safe: one per conversion.
   */
  static final class Converter {
    private Layout layout; // null until the first vector

    ArrayExample<Label> toExample(FeatureVector features, Label label) {
      layout = Layout.of(features, layout);
      return layout.example(features, label);
    }
  }
}
